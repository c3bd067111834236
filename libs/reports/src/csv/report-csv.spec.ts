import { reportCsv, reportRows } from './report-csv';

describe('report CSV', () => {
  const report = {
    range: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', timeZone: 'UTC' },
    metrics: { conversationsCreated: { value: 12, previous: 9 }, medianFirstResponse: { value: null, previous: 30.5 } },
    byTeam: [{ id: 'team-1', name: 'Support, East', conversationsCreated: 3, outboundByAuthor: { agent: 2, automation: 1 } }],
    distribution: [
      { rating: 1, count: 0 },
      { rating: 5, count: 4 },
    ],
    comments: [{ conversationId: 'c-1', rating: 1, comment: '=HYPERLINK("http://evil")' }],
  };

  it('lists every number of the report as table, row, name, column and value, without the range', () => {
    expect(reportRows(report)).toEqual([
      ['metrics', 'conversationsCreated', '', 'value', 12],
      ['metrics', 'conversationsCreated', '', 'previous', 9],
      ['metrics', 'medianFirstResponse', '', 'value', null],
      ['metrics', 'medianFirstResponse', '', 'previous', 30.5],
      ['byTeam', 'team-1', 'Support, East', 'conversationsCreated', 3],
      ['byTeam', 'team-1', 'Support, East', 'outboundByAuthor.agent', 2],
      ['byTeam', 'team-1', 'Support, East', 'outboundByAuthor.automation', 1],
      ['distribution', '1', '', 'rating', 1],
      ['distribution', '1', '', 'count', 0],
      ['distribution', '2', '', 'rating', 5],
      ['distribution', '2', '', 'count', 4],
      ['comments', 'c-1', '', 'rating', 1],
      ['comments', 'c-1', '', 'comment', '=HYPERLINK("http://evil")'],
    ]);
  });

  it('quotes cells with commas and keeps a customer’s formula from running in a spreadsheet', () => {
    const lines = reportCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe('table,row,name,column,value');
    expect(lines).toContain('byTeam,team-1,"Support, East",conversationsCreated,3');
    expect(lines).toContain('metrics,medianFirstResponse,,value,');
    expect(lines).toContain(`comments,c-1,,comment,"'=HYPERLINK(""http://evil"")"`);
  });
});
