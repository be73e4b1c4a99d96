import { CreateServiceAgreements1795457485849 } from './migrations/1795457485849-CreateServiceAgreements';
import { ServiceAgreementEntity } from './service-agreement.entity';

/** Tables owned by the agreements capability, for the node's DataSource. */
export const AGREEMENTS_ENTITIES = [ServiceAgreementEntity];
export const AGREEMENTS_MIGRATIONS = [CreateServiceAgreements1795457485849];
