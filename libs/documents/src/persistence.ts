import { DocumentReceiptEntity } from './document-receipt.entity';
import { DocumentVersionEntity } from './document-version.entity';
import { CreateDocumentTables1796618601110 } from './migrations/1796618601110-CreateDocumentTables';
import { AddDocumentWithdrawal1796618601113 } from './migrations/1796618601113-AddDocumentWithdrawal';

/** Tables of document distribution, at every node. */
export const DOCUMENTS_ENTITIES = [DocumentVersionEntity, DocumentReceiptEntity];
export const DOCUMENTS_MIGRATIONS = [CreateDocumentTables1796618601110, AddDocumentWithdrawal1796618601113];
