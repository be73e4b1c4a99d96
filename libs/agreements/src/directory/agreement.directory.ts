import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { ServiceAgreementEntity } from '../service-agreement.entity';

/** Agreement look-ups for capabilities that attach records to a customer's agreement (a ticket). */
@Injectable()
export class AgreementDirectory {
  /** 404 naming `field` unless `agreementId` is an agreement of `customerId`. */
  async requireOfCustomer(
    tx: EntityManager,
    customerId: string,
    agreementId: string,
    field: string,
  ): Promise<void> {
    const found = await tx.getRepository(ServiceAgreementEntity).existsBy({ id: agreementId, customerId });
    if (!found) throw new NotFoundError(`${field}: no service agreement ${agreementId} of this customer`);
  }
}
