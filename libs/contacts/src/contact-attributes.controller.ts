import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import {
  CONTACT_ATTRIBUTE_CHOICE_MAX,
  CONTACT_ATTRIBUTE_CHOICES_MAX,
  CONTACT_ATTRIBUTE_KEY_MAX,
  CONTACT_ATTRIBUTE_KEY_PATTERN,
  CONTACT_ATTRIBUTE_LABEL_MAX,
  CONTACT_ATTRIBUTE_TYPES,
  type ContactAttributeType,
  type ContactAttributeView,
  type CreateContactAttributeRequest,
  RESERVED_CONTACT_ATTRIBUTE_KEYS,
  Role,
  type UpdateContactAttributeRequest,
} from '@backtalk/contracts';
import { IsOmittable } from '@backtalk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotIn, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ContactAttributesService } from './contact-attributes.service';

const NOT_BLANK = /\S/;

export class CreateContactAttributeBody implements CreateContactAttributeRequest {
  @ApiProperty({ maxLength: CONTACT_ATTRIBUTE_KEY_MAX, example: 'order_id' })
  @IsString()
  @Matches(CONTACT_ATTRIBUTE_KEY_PATTERN, { message: 'The key is lower-case letters, digits and _ (starting with a letter), at most 40 characters, e.g. order_id.' })
  @IsNotIn(RESERVED_CONTACT_ATTRIBUTE_KEYS, { message: `The key cannot be ${RESERVED_CONTACT_ATTRIBUTE_KEYS.join(', ')}: canned answers already fill those from the contact.` })
  key!: string;
  @ApiProperty({ maxLength: CONTACT_ATTRIBUTE_LABEL_MAX }) @IsString() @Matches(NOT_BLANK, { message: 'Give the attribute a label.' }) @MaxLength(CONTACT_ATTRIBUTE_LABEL_MAX) label!: string;
  @ApiProperty({ enum: CONTACT_ATTRIBUTE_TYPES }) @IsIn(CONTACT_ATTRIBUTE_TYPES, { message: `type must be one of ${CONTACT_ATTRIBUTE_TYPES.join(', ')}` }) type!: ContactAttributeType;
  @ApiPropertyOptional({ type: [String], description: 'For a list: its choices' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(CONTACT_ATTRIBUTE_CHOICES_MAX)
  @IsString({ each: true })
  @MaxLength(CONTACT_ATTRIBUTE_CHOICE_MAX, { each: true })
  choices?: string[];
}

export class UpdateContactAttributeBody implements UpdateContactAttributeRequest {
  @ApiPropertyOptional({ maxLength: CONTACT_ATTRIBUTE_LABEL_MAX }) @IsOmittable() @IsString() @Matches(NOT_BLANK, { message: 'Give the attribute a label.' }) @MaxLength(CONTACT_ATTRIBUTE_LABEL_MAX) label?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(CONTACT_ATTRIBUTE_CHOICES_MAX) @IsString({ each: true }) @MaxLength(CONTACT_ATTRIBUTE_CHOICE_MAX, { each: true }) choices?: string[];
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(10_000) position?: number;
}

@ApiTags('contacts')
@ApiBearerAuth('user')
@Controller('contact-attributes')
export class ContactAttributesController {
  constructor(private readonly attributes: ContactAttributesService) {}

  @Get()
  @ApiOperation({ summary: 'The custom attributes every contact may have, in their order' })
  list(): Promise<ContactAttributeView[]> {
    return this.attributes.list();
  }

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() actor: UserActor, @Body() body: CreateContactAttributeBody): Promise<ContactAttributeView> {
    return this.attributes.create(body, actor);
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Changes the label, order or choices; the key and type stay as made' })
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateContactAttributeBody): Promise<ContactAttributeView> {
    return this.attributes.update(id, body, actor);
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the attribute and every contact’s value of it' })
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.attributes.remove(id, actor);
  }
}
