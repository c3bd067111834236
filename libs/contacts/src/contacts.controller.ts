import { CurrentUser, type UserActor } from '@backtalk/auth';
import {
  type ContactAttributeValue,
  type ContactBlockRequest,
  type ContactConsentFilter,
  type ContactDetailView,
  type ContactListItem,
  type ContactListQuery,
  type ContactSort,
  type ContactView,
  type MergeContactRequest,
  type Page,
  ROUTING_LANGUAGES,
  type RoutingLanguage,
  type UpdateContactRequest,
} from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ContactsService } from './contacts.service';

const SORTS: ContactSort[] = ['last_contact', 'name', 'created'];
const CONSENT_FILTERS: ContactConsentFilter[] = ['opted_out', 'subscribed'];

export class ContactListQueryParams implements ContactListQuery {
  @IsOptional() @IsString() @MaxLength(120) q?: string;
  @IsOptional() @IsUUID('4') teamId?: string;
  @IsOptional() @IsUUID('4') channelId?: string;
  @IsOptional() @IsIn(CONSENT_FILTERS, { message: `consent must be one of ${CONSENT_FILTERS.join(', ')}` }) consent?: ContactConsentFilter;
  @IsOptional() @IsDateString({ strict: true }) lastContactFrom?: string;
  @IsOptional() @IsDateString({ strict: true }) lastContactTo?: string;
  @ApiPropertyOptional({ type: [String], description: 'key:value of a contact attribute, repeatable (all must hold), e.g. plan:Gold' })
  @IsOptional()
  @Transform(({ value }) => [value].flat())
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  attribute?: string[];
  @IsOptional() @IsIn(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` }) sort?: ContactSort;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class UpdateContactBody implements UpdateContactRequest {
  @IsOmittable() @IsString() @MaxLength(120) name?: string;
  @IsOmittable() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true }, description: 'Attribute values by key; null clears one' })
  @IsOmittable()
  @IsObject()
  attributes?: Record<string, ContactAttributeValue | null>;
  @ApiPropertyOptional({ enum: ROUTING_LANGUAGES, nullable: true, description: 'The language answers use for this contact over detection; null: detect again' })
  @IsOptional()
  @IsIn(ROUTING_LANGUAGES, { message: `language must be one of ${ROUTING_LANGUAGES.join(', ')}, or null` })
  language?: RoutingLanguage | null;
  @ValidateIf((body: UpdateContactBody) => body.notes !== undefined || body.teamId !== undefined) @IsUUID('4', { message: 'teamId must name the team whose notes these are' }) teamId?: string;
}

export class MergeContactBody implements MergeContactRequest {
  @IsUUID('4', { message: 'otherContactId must name the contact to merge into this one' }) otherContactId!: string;
}

export class ContactBlockBody implements ContactBlockRequest {
  @IsUUID('4', { message: 'teamId must name the team the block is for' }) teamId!: string;
}

@ApiTags('contacts')
@ApiBearerAuth('user')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  list(@CurrentUser() actor: UserActor, @Query() query: ContactListQueryParams): Promise<Page<ContactListItem>> {
    return this.contacts.list(actor, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ContactDetailView> {
    return this.contacts.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateContactBody): Promise<ContactView> {
    return this.contacts.update(actor, id, body);
  }

  /** The other contact is folded into this one and deleted; this one is answered as the contact page shows it. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: MergeContactBody): Promise<ContactDetailView> {
    return this.contacts.merge(actor, id, body.otherContactId);
  }

  /** New messages from the contact to this team are stored but never queued, routed, automated or surveyed. */
  @Post(':id/block')
  @HttpCode(200)
  block(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ContactBlockBody): Promise<ContactDetailView> {
    return this.contacts.setBlocked(actor, id, body.teamId, true);
  }

  @Delete(':id/block')
  unblock(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: ContactBlockBody): Promise<ContactDetailView> {
    return this.contacts.setBlocked(actor, id, query.teamId, false);
  }
}
