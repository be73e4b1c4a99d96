import { DeadLetterEntity } from './inbox/dead-letter.entity';
import { InboxMessageEntity } from './inbox/inbox-message.entity';
import { CreateMessagingTables1763900000000 } from './migrations/1763900000000-CreateMessagingTables';
import { NotifyOutboxInserts1763900000001 } from './migrations/1763900000001-NotifyOutboxInserts';
import { TuneOutboxAutovacuum1763900000002 } from './migrations/1763900000002-TuneOutboxAutovacuum';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

/** Tables owned by messaging, for the node's DataSource. */
export const MESSAGING_ENTITIES = [OutboxMessageEntity, InboxMessageEntity, DeadLetterEntity];
export const MESSAGING_MIGRATIONS = [
  CreateMessagingTables1763900000000,
  NotifyOutboxInserts1763900000001,
  TuneOutboxAutovacuum1763900000002,
];
