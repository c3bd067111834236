/**
 * The colors a label can have: a fixed palette rather than any hex value, so that every chip keeps readable contrast
 * (WCAG AA for its text) in the console whatever an admin picks.
 */
export const LABEL_COLORS = ['gray', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink'] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

export const LABEL_NAME_MAX = 40;
export const LABEL_DESCRIPTION_MAX = 200;

/**
 * A label agents put on conversations. A global label (`teamId` null) is managed by admins and usable on every
 * conversation; a team's label is managed by admins and that team's supervisors and usable on that team's
 * conversations only. Names are unique within a scope, ignoring case.
 */
export interface LabelView {
  id: string;
  name: string;
  color: LabelColor;
  description: string | null;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/labels` */
export interface CreateLabelRequest {
  name: string;
  color: LabelColor;
  description?: string | null;
  /** Omitted or null: a global label (admins only). */
  teamId?: string | null;
}

/** `PATCH /api/labels/:id`: a label stays in the scope it was made in. */
export interface UpdateLabelRequest {
  name?: string;
  color?: LabelColor;
  description?: string | null;
}

/**
 * `POST /api/conversations/:id/labels`: labels to put on and take off the conversation, in one change (one activity
 * line). Adding a label it has, or removing one it has not, changes nothing.
 */
export interface ChangeConversationLabelsRequest {
  add?: string[];
  remove?: string[];
}

/** A label as an activity line remembers it, so the line still reads right after the label is renamed or deleted. */
export interface LabelMention {
  id: string;
  name: string;
  color: LabelColor;
}
