import type { LabelView, UserView } from '@backtalk/contracts';

/** Directory lookups every row needs, passed down once instead of each row subscribing to the queries. */
export interface ListContext {
  people: Map<string, UserView>;
  /** The list spans statuses (a search over any status): each row says which it is in. */
  showStatus: boolean;
  /** The labels the agent may use, to name and color the ids on each row. */
  labels: readonly LabelView[];
  /** The search text, marked where a row's name or last message matches it; empty for none. */
  query: string;
}
