/** The inbox list, its filters, saved views, bulk actions, alerts, take-next and shortcuts. */
export const listEn = {} as const;
