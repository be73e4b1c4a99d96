import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { ContactDirectory } from './contact.directory';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/**
 * Contact persons of enterprise customers. Personal data: kept in this city's database and never
 * published (dependency-cruiser rule `contacts-never-publish`).
 */
@Module({
  imports: [AuditModule, CustomersModule],
  controllers: [ContactsController],
  providers: [ContactsService, ContactDirectory],
  exports: [ContactDirectory],
})
export class ContactsModule {}
