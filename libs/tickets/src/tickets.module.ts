import { Module } from '@nestjs/common';

/** Trouble tickets (TMF621) at the customer's home city: faults, complaints, inquiries, requests. */
@Module({})
export class TicketsModule {}
