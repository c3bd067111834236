import { AuditModule } from '@backtalk/audit';
import { ConversationsModule } from '@backtalk/conversations';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CONTACT_IMPORT_MAX_BYTES } from '@backtalk/contracts';
import { ContactAttributesController } from './contact-attributes.controller';
import { ContactAttributesService } from './contact-attributes.service';
import { ContactExportController } from './contact-export.controller';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { DataRightsController } from './data-rights.controller';
import { DataRightsService } from './data-rights.service';
import { ContactImportController } from './import/contact-import.controller';
import { ContactImportProcessor } from './import/contact-import.processor';
import { ContactImportRunner } from './import/contact-import.runner';
import { ContactImportService } from './import/contact-import.service';

const IMPORT_ROUTE = '/api/contacts/imports';

/**
 * The contacts directory, the contact page and each team's notes; importing and exporting contacts as CSV. Finding
 * or creating the contact of a number stays with threading in ConversationsModule, where every inbound and outbound
 * message passes.
 */
@Module({
  imports: [ConversationsModule, BullModule.registerQueue({ name: QueueName.ContactImport }), AuditModule],
  controllers: [ContactExportController, ContactImportController, ContactAttributesController, DataRightsController, ContactsController],
  providers: [ContactsService, ContactAttributesService, ContactImportService, DataRightsService],
  exports: [ContactsService, ContactAttributesService, DataRightsService],
})
export class ContactsDirectoryModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * A CSV upload is the one body larger than the API's 1 MB limit: the limit is raised for text/csv only, which no
   * other route accepts (their DTOs refuse a string body).
   */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance<import('fastify').FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CONTACT_IMPORT_MAX_BYTES }, (request, body, done) => {
      if (request.routeOptions.url === IMPORT_ROUTE) return done(null, body);
      done(Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415 }), undefined);
    });
  }
}

/** The import job. */
@Module({
  imports: [ConversationsModule, BullModule.registerQueue({ name: QueueName.ContactImport }), AuditModule],
  providers: [ContactImportRunner, ContactImportProcessor, ContactAttributesService],
})
export class ContactsWorkerModule {}
