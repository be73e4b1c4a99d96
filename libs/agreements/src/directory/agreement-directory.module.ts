import { Module } from '@nestjs/common';
import { AgreementDirectory } from './agreement.directory';

/** The agreement look-ups alone, for capabilities that must not start the renewal reminders. */
@Module({ providers: [AgreementDirectory], exports: [AgreementDirectory] })
export class AgreementDirectoryModule {}
