/** An open conversation: its header and actions, thread, composer, contact panel, labels, macros, new conversation. */
export const threadEn = {} as const;
