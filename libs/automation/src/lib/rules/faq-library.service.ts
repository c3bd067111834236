import { AppConfig } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CannedAnswerEntity } from '../canned-answers/canned-answer.entity';
import { buildFaqIndex, type FaqIndex, type FaqMatch, loadUseLiteEncoder, type SentenceEncoder } from '../matcher';

/** A library is checked for edits at most this often, so an edited FAQ is matched within about a second. */
const VERSION_CHECK_MS = 1000;

interface Library {
  version: string;
  index: FaqIndex;
  answers: Map<string, CannedAnswerEntity>;
}

/**
 * One FAQ index per team (its own FAQs plus the global ones), rebuilt when an FAQ of that scope changes. Example
 * embeddings are remembered by text, so a rebuild after one edit embeds only what is new.
 */
@Injectable()
export class FaqLibraryService {
  private readonly logger = new Logger(FaqLibraryService.name);
  private readonly libraries = new Map<string, { checkedAt: number; library: Promise<Library> }>();
  private encoder: Promise<SentenceEncoder | null> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The FAQs of this team that best answer `text`, most likely first, with their answers. */
  async match(teamId: string, text: string, limit = 5): Promise<Array<FaqMatch & { answer: CannedAnswerEntity }>> {
    const library = await this.library(teamId);
    const matches = await library.index.match(text, { limit });
    return matches.map((match) => ({ ...match, answer: library.answers.get(match.faqId)! }));
  }

  private async library(teamId: string): Promise<Library> {
    const now = Date.now();
    const cached = this.libraries.get(teamId);
    if (cached && now - cached.checkedAt < VERSION_CHECK_MS) return cached.library;
    const version = await this.versionOf(teamId);
    const current = cached ? await cached.library.catch(() => null) : null;
    if (current && current.version === version) {
      cached!.checkedAt = now;
      return current;
    }
    const library = this.build(teamId, version);
    library.catch(() => this.libraries.delete(teamId));
    this.libraries.set(teamId, { checkedAt: now, library });
    return library;
  }

  private async versionOf(teamId: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ count: string; latest: Date | null }>>(
      `SELECT count(*) AS count, max(updated_at) AS latest FROM canned_answer WHERE team_id IS NULL OR team_id = $1`,
      [teamId],
    );
    return `${row.count}:${row.latest?.toISOString() ?? ''}`;
  }

  private async build(teamId: string, version: string): Promise<Library> {
    const started = Date.now();
    const answers = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM canned_answer WHERE (team_id IS NULL OR team_id = $1) AND jsonb_array_length(examples) + jsonb_array_length(keywords) > 0`, [teamId]);
    const entities = await this.dataSource.getRepository(CannedAnswerEntity).findByIds(answers.map((answer) => answer.id));
    const index = await buildFaqIndex(
      // Examples belong to no answer language (a Ukrainian question may have an English default answer): each is read in its own.
      entities.map((answer) => ({ id: answer.id, examples: answer.examples, keywords: answer.keywords })),
      { encoder: await this.loadEncoder() },
    );
    this.logger.log({ teamId, faqs: entities.length, ms: Date.now() - started }, 'FAQ library indexed');
    return { version, index, answers: new Map(entities.map((answer) => [answer.id, answer])) };
  }

  private loadEncoder(): Promise<SentenceEncoder | null> {
    this.encoder ??= this.config.AUTOMATION_SENTENCE_ENCODER === 'none' ? Promise.resolve(null) : loadUseLiteEncoder().then(rememberEmbeddings);
    return this.encoder;
  }
}

/** Enough for every example of a large library; customer messages pass through and the oldest make room. */
const REMEMBERED_EMBEDDINGS = 50_000;

/** Wraps an encoder so a text is embedded once per process: rebuilding a library after an edit is then cheap. */
function rememberEmbeddings(encoder: SentenceEncoder): SentenceEncoder {
  const remembered = new Map<string, Float32Array>();
  return {
    name: encoder.name,
    languages: encoder.languages,
    async embed(texts) {
      const missing = [...new Set(texts.filter((text) => !remembered.has(text)))];
      if (missing.length > 0) {
        const vectors = await encoder.embed(missing);
        missing.forEach((text, index) => {
          remembered.delete(text);
          remembered.set(text, vectors[index]);
        });
      }
      const result = texts.map((text) => remembered.get(text)!);
      // A Map iterates in insertion order: the first keys are the longest unused.
      for (const text of remembered.keys()) {
        if (remembered.size <= REMEMBERED_EMBEDDINGS) break;
        remembered.delete(text);
      }
      return result;
    },
  };
}
