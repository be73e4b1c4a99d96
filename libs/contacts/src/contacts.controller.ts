import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { FieldValidationException, PageQueryDto, setPageHeaders } from '@kaf/platform';
import { ContactView } from './contact.view';
import { ContactsService } from './contacts.service';
import { CreateContactDto } from './create-contact.dto';
import { UpdateContactDto } from './update-contact.dto';

const uuidOf = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new FieldValidationException([{ field, message: 'must be a UUID' }]),
  });

@ApiTags('contacts')
@Controller('api/v1/customers/:customerId/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Requires('contacts:read')
  @ApiOperation({ summary: 'Contacts of a customer, the primary one first' })
  @ApiOkResponse({ type: [ContactView] })
  async list(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidOf('customerId')) customerId: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView[]> {
    const result = await this.contacts.list(scope, customerId, page);
    setPageHeaders(reply, result.total, result.items.length);
    return result.items;
  }

  @Post()
  @HttpCode(201)
  @Requires('contacts:write')
  @ApiOperation({ summary: 'Add a contact to a customer' })
  @ApiCreatedResponse({ type: ContactView })
  create(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidOf('customerId')) customerId: string,
    @Body() dto: CreateContactDto,
  ): Promise<ContactView> {
    return this.contacts.create(scope, customerId, dto);
  }

  @Get(':contactId')
  @Requires('contacts:read')
  @ApiOperation({ summary: 'One contact of a customer' })
  @ApiOkResponse({ type: ContactView })
  get(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidOf('customerId')) customerId: string,
    @Param('contactId', uuidOf('contactId')) contactId: string,
  ): Promise<ContactView> {
    return this.contacts.get(scope, customerId, contactId);
  }

  @Patch(':contactId')
  @Requires('contacts:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({ summary: 'Merge-patch a contact' })
  @ApiOkResponse({ type: ContactView })
  update(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidOf('customerId')) customerId: string,
    @Param('contactId', uuidOf('contactId')) contactId: string,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactView> {
    return this.contacts.update(scope, customerId, contactId, dto);
  }

  @Delete(':contactId')
  @HttpCode(204)
  @Requires('contacts:write')
  @ApiOperation({ summary: 'Remove a contact' })
  @ApiNoContentResponse()
  remove(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidOf('customerId')) customerId: string,
    @Param('contactId', uuidOf('contactId')) contactId: string,
  ): Promise<void> {
    return this.contacts.remove(scope, customerId, contactId);
  }
}
