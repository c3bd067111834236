import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, type Actor, auditActorOf, type UserActor } from '@backtalk/auth';
import {
  type AuditRecordInput,
  type ChannelSecretsInput,
  type ChannelView,
  type CreateChannelRequest,
  DEFAULT_CURRENCY,
  DEFAULT_RATE_PER_SECOND,
  ErrorCode,
  Provider,
  SenderType,
  type UpdateChannelRequest,
} from '@backtalk/contracts';
import { type CountryCode, isCountryCode, toE164 } from '@backtalk/phone';
import { API_PREFIX, AppConfig, DomainError, isForeignKeyViolation, isUniqueViolation, SecretBox } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { DEFAULT_KEYWORDS, defaultConfirmations } from './channel-defaults';
import { mergeSecrets, missingSecrets } from './channel-secrets';
import { ChannelEntity } from './channel.entity';

/**
 * Webhooks look their channel up on every request; a short cache saves that query and the decryption. An edit made
 * through another process is seen within this time.
 */
const CHANNEL_CACHE_TTL_MS = 5_000;

export interface ChannelWithSecrets {
  channel: ChannelEntity;
  secrets: ChannelSecretsInput;
}

const invalid = (field: string, message: string) => new DomainError(ErrorCode.ValidationFailed, `Invalid request: ${field} ${message}`, [{ field, messages: [`${field} ${message}`] }]);

/** Normalises a sender for its type, so that the same number is never stored in two spellings. */
export function normaliseSender(sender: string, senderType: SenderType, country: string): string {
  const trimmed = sender.trim();
  switch (senderType) {
    case SenderType.LongCode:
    case SenderType.TollFree: {
      const e164 = isCountryCode(country) ? toE164(trimmed, country as CountryCode) : null;
      if (!e164) throw invalid('sender', 'must be a phone number (E.164, or national format for the channel’s country)');
      return e164;
    }
    case SenderType.ShortCode:
      if (!/^\d{3,8}$/.test(trimmed)) throw invalid('sender', 'must be a short code of 3 to 8 digits');
      return trimmed;
    case SenderType.Alphanumeric:
      if (!/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(trimmed)) throw invalid('sender', 'must be 1 to 11 letters, digits or spaces, with at least one letter');
      return trimmed;
    case SenderType.MessagingService:
      if (!/^MG[0-9a-fA-F]{32}$/.test(trimmed)) throw invalid('sender', 'must be a Twilio Messaging Service SID (MG followed by 32 hex characters)');
      return trimmed;
  }
}

/** Where a channel's webhooks arrive: `${WEBHOOKS_PATH}/<provider>/<channel id>` (served by the inbound library). */
export const WEBHOOKS_PATH = `/${API_PREFIX}/webhooks`;

@Injectable()
export class ChannelsService {
  private readonly cache = new Map<string, { expiresAt: number; value: Promise<ChannelWithSecrets | undefined> }>();

  constructor(
    @InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>,
    private readonly secretBox: SecretBox,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  webhookUrl(channel: Pick<ChannelEntity, 'id' | 'provider'>): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${WEBHOOKS_PATH}/${channel.provider}/${channel.id}`;
  }

  async list(actor: UserActor): Promise<ChannelView[]> {
    const query = AccessPolicy.scopeToVisibleTeams(this.channels.createQueryBuilder('channel').addSelect('channel.secretsSealed').orderBy('channel.name'), 'channel.teamId', actor);
    return (await query.getMany()).map((channel) => this.view(channel));
  }

  async get(actor: UserActor, id: string): Promise<ChannelView> {
    const channel = await this.findWithSecrets(id);
    if (!channel || !AccessPolicy.canSeeTeam(actor, channel.teamId)) throw DomainError.notFound('Channel');
    return this.view(channel);
  }

  /** `actor` is whoever adds the channel; none for the seed and the command-line tools. */
  async create(request: CreateChannelRequest, actor?: Actor): Promise<ChannelView> {
    if (!isCountryCode(request.country)) throw invalid('country', 'is not a known country code');
    const missing = missingSecrets(request.provider, request.secrets);
    if (missing.length > 0) throw invalid('secrets', `must include ${missing.join(', ')} for ${request.provider} (used to verify its webhooks)`);
    const entity = this.channels.create({
      teamId: request.teamId,
      name: request.name.trim(),
      provider: request.provider,
      sender: normaliseSender(request.sender, request.senderType, request.country),
      senderType: request.senderType,
      country: request.country,
      secretsSealed: this.secretBox.seal(JSON.stringify(request.secrets)),
      helpText: request.helpText?.trim() ?? '',
      keywords: { ...DEFAULT_KEYWORDS, ...request.keywords },
      confirmations: { ...defaultConfirmations(request.provider), ...request.confirmations },
      reopenWindowMinutes: request.reopenWindowMinutes ?? 24 * 60,
      ratePerSecond: request.ratePerSecond ?? DEFAULT_RATE_PER_SECOND[request.senderType],
      pricePerSegment: request.pricePerSegment ?? 0,
      currency: request.currency ?? DEFAULT_CURRENCY,
      smartEncoding: request.smartEncoding ?? false,
      active: true,
    });
    return this.view(
      await this.saveMappingConstraintErrors(entity, (saved) => ({
        actor: auditActorOf(actor),
        action: 'channel.created',
        target: { type: 'channel', id: saved.id, label: saved.name },
        teamIds: [saved.teamId],
        diff: { after: this.auditedFields(saved) },
      })),
    );
  }

  async update(id: string, changes: UpdateChannelRequest, actor?: Actor): Promise<ChannelView> {
    const channel = await this.findWithSecrets(id);
    if (!channel) throw DomainError.notFound('Channel');
    const before = this.auditedFields(channel);
    const secretsBefore = this.openSecrets(channel);
    const country = changes.country ?? channel.country;
    if (!isCountryCode(country)) throw invalid('country', 'is not a known country code');
    const senderType = changes.senderType ?? channel.senderType;
    if (changes.sender !== undefined || changes.senderType !== undefined || changes.country !== undefined) {
      channel.sender = normaliseSender(changes.sender ?? channel.sender, senderType, country);
    }
    if (changes.secrets) {
      const secrets = mergeSecrets(this.openSecrets(channel), changes.secrets);
      const missing = missingSecrets(channel.provider, secrets);
      if (missing.length > 0) throw invalid('secrets', `must keep ${missing.join(', ')} for ${channel.provider}`);
      channel.secretsSealed = this.secretBox.seal(JSON.stringify(secrets));
    }
    Object.assign(channel, {
      teamId: changes.teamId ?? channel.teamId,
      name: changes.name?.trim() ?? channel.name,
      senderType,
      country,
      helpText: changes.helpText?.trim() ?? channel.helpText,
      keywords: changes.keywords ? { ...channel.keywords, ...changes.keywords } : channel.keywords,
      confirmations: changes.confirmations ? { ...channel.confirmations, ...changes.confirmations } : channel.confirmations,
      reopenWindowMinutes: changes.reopenWindowMinutes ?? channel.reopenWindowMinutes,
      ratePerSecond: changes.ratePerSecond ?? channel.ratePerSecond,
      pricePerSegment: changes.pricePerSegment ?? channel.pricePerSegment,
      currency: changes.currency ?? channel.currency,
      smartEncoding: changes.smartEncoding ?? channel.smartEncoding,
      active: changes.active ?? channel.active,
    });
    return this.view(
      await this.saveMappingConstraintErrors(channel, (saved) => {
        // Which credentials were replaced, by name only: their values never reach the trail.
        const secretsAfter = this.openSecrets(saved);
        const replaced = (Object.keys({ ...secretsBefore, ...secretsAfter }) as Array<keyof ChannelSecretsInput>).filter((field) => secretsBefore[field] !== secretsAfter[field]).sort();
        const diff = changedFields(before, this.auditedFields(saved));
        if (!diff && replaced.length === 0) return undefined;
        return {
          actor: auditActorOf(actor),
          action: diff ? 'channel.updated' : 'channel.secrets_changed',
          target: { type: 'channel', id: saved.id, label: saved.name },
          teamIds: [...new Set([before['teamId'] as string, saved.teamId])],
          diff: { before: diff?.before ?? {}, after: { ...diff?.after, ...(replaced.length > 0 ? { credentialsReplaced: replaced } : {}) } },
        };
      }),
    );
  }

  /** A channel's settings as the trail shows them: everything but ids and credentials, of which only the names set. */
  private auditedFields(channel: ChannelEntity): Record<string, unknown> {
    const { id: _id, webhookUrl: _url, createdAt: _created, ...fields } = this.view(channel);
    return fields;
  }

  /** For webhooks and sending: the channel with its credentials decrypted (cached for a few seconds). */
  loadWithSecrets(id: string): Promise<ChannelWithSecrets | undefined> {
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.findWithSecrets(id).then((channel) => (channel ? { channel, secrets: this.openSecrets(channel) } : undefined));
    // Only a found channel is remembered: not a failed look-up (database down), nor an id that may exist a moment later.
    value.then((found) => found ?? this.cache.delete(id)).catch(() => this.cache.delete(id));
    this.cache.set(id, { expiresAt: now + CHANNEL_CACHE_TTL_MS, value });
    return value;
  }

  private findWithSecrets(id: string): Promise<ChannelEntity | null> {
    return this.channels.createQueryBuilder('channel').addSelect('channel.secretsSealed').where('channel.id = :id', { id }).getOne();
  }

  private openSecrets(channel: ChannelEntity): ChannelSecretsInput {
    return JSON.parse(this.secretBox.open(channel.secretsSealed)) as ChannelSecretsInput;
  }

  /** Saves, and records what `entryFor` describes in the same transaction (nothing when it returns undefined). */
  private async saveMappingConstraintErrors(channel: ChannelEntity, entryFor: (saved: ChannelEntity) => AuditRecordInput | undefined): Promise<ChannelEntity> {
    this.cache.delete(channel.id);
    try {
      return await this.channels.manager.transaction(async (manager: EntityManager) => {
        const saved = await manager.save(channel);
        const entry = entryFor(saved);
        if (entry) await this.audit.record(entry, manager);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict('Another channel already uses this sender at this provider', [{ field: 'sender', messages: ['is already in use'] }]);
      if (isForeignKeyViolation(error)) throw invalid('teamId', 'must be an existing team');
      throw error;
    }
  }

  view(channel: ChannelEntity): ChannelView {
    const secrets = channel.secretsSealed ? this.openSecrets(channel) : {};
    return {
      id: channel.id,
      teamId: channel.teamId,
      name: channel.name,
      provider: channel.provider as Provider,
      sender: channel.sender,
      senderType: channel.senderType,
      country: channel.country,
      helpText: channel.helpText,
      keywords: channel.keywords,
      confirmations: channel.confirmations,
      reopenWindowMinutes: channel.reopenWindowMinutes,
      ratePerSecond: channel.ratePerSecond,
      pricePerSegment: channel.pricePerSegment,
      currency: channel.currency,
      active: channel.active,
      smartEncoding: channel.smartEncoding,
      secretsSet: (Object.keys(secrets) as Array<keyof ChannelSecretsInput>).filter((field) => Boolean(secrets[field])).sort(),
      webhookUrl: this.webhookUrl(channel),
      createdAt: channel.createdAt.toISOString(),
    };
  }
}
