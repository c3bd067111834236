export const en = {
  profile: {
    language: {
      title: 'Language',
      description: 'The language of your console, in every browser you sign in to. It changes at once.',
      legend: 'Console language',
      saved: 'The console is now in English.',
      notSaved: "Couldn't save the language: {reason}",
    },
  },
} as const;
