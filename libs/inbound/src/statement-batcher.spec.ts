import { StatementBatcher } from './statement-batcher';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A statement the test finishes by hand, to decide what arrives while it runs. */
class ManualStatements {
  readonly batches: string[][] = [];
  private readonly finishers: Array<(failure?: Error) => void> = [];

  readonly run = (inputs: string[]): Promise<string[]> => {
    this.batches.push(inputs);
    return new Promise((resolve, reject) => this.finishers.push((failure) => (failure ? reject(failure) : resolve(inputs.map((input) => `stored ${input}`)))));
  };

  finishNext(failure?: Error): void {
    this.finishers.shift()!(failure);
  }

  /** Finishes `count` statements one after the other, each given the time to start the next. */
  async finishInTurn(count: number): Promise<void> {
    for (let statement = 0; statement < count; statement++) {
      this.finishNext();
      await settle();
    }
  }
}

const byCustomer = (input: string) => [input.split(':')[0]];

describe('StatementBatcher', () => {
  it('sends an input that arrives at a quiet moment at once, alone', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 1, maxBatch: 10, keysOf: byCustomer });

    const stored = batcher.submit('anna:hi');
    statements.finishNext();

    await expect(stored).resolves.toBe('stored anna:hi');
    expect(statements.batches).toEqual([['anna:hi']]);
  });

  it('groups what arrives while a statement runs into the next statement, in arrival order', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 1, maxBatch: 10, keysOf: byCustomer });

    const first = batcher.submit('anna:hi');
    const later = ['boris:1', 'chloe:2', 'dmytro:3'].map((input) => batcher.submit(input));
    expect(statements.batches).toEqual([['anna:hi']]);
    statements.finishNext();
    await settle();
    statements.finishNext();

    await expect(first).resolves.toBe('stored anna:hi');
    await expect(Promise.all(later)).resolves.toEqual(['stored boris:1', 'stored chloe:2', 'stored dmytro:3']);
    expect(statements.batches).toEqual([['anna:hi'], ['boris:1', 'chloe:2', 'dmytro:3']]);
  });

  it('never puts two inputs with the same key in one statement, and keeps the later one first in line', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 1, maxBatch: 10, keysOf: byCustomer });

    const all = ['anna:1', 'anna:2', 'boris:1', 'anna:3', 'chloe:1'].map((input) => batcher.submit(input));
    await statements.finishInTurn(3);

    await Promise.all(all);
    expect(statements.batches).toEqual([['anna:1'], ['anna:2', 'boris:1', 'chloe:1'], ['anna:3']]);
  });

  it('keeps an input out of a statement running beside the one that has its key', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 2, maxBatch: 10, keysOf: byCustomer });

    const all = ['anna:1', 'anna:2', 'boris:1'].map((input) => batcher.submit(input));
    expect(statements.batches).toEqual([['anna:1'], ['boris:1']]);
    statements.finishNext();
    await settle();

    expect(statements.batches).toEqual([['anna:1'], ['boris:1'], ['anna:2']]);
    statements.finishNext();
    statements.finishNext();
    await Promise.all(all);
  });

  it('caps a statement at maxBatch inputs', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 1, maxBatch: 2, keysOf: byCustomer });

    const all = ['a:1', 'b:1', 'c:1', 'd:1', 'e:1'].map((input) => batcher.submit(input));
    await statements.finishInTurn(3);

    await Promise.all(all);
    expect(statements.batches).toEqual([['a:1'], ['b:1', 'c:1'], ['d:1', 'e:1']]);
  });

  it('runs up to maxInFlight statements at once', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 2, maxBatch: 10, keysOf: byCustomer });

    const all = ['a:1', 'b:1', 'c:1', 'd:1'].map((input) => batcher.submit(input));
    expect(statements.batches).toEqual([['a:1'], ['b:1']]);
    statements.finishNext();
    await settle();
    statements.finishNext();
    statements.finishNext();

    await Promise.all(all);
    expect(statements.batches).toEqual([['a:1'], ['b:1'], ['c:1', 'd:1']]);
  });

  it('fails every input of a statement that fails, and goes on with the next', async () => {
    const statements = new ManualStatements();
    const batcher = new StatementBatcher(statements.run, { maxInFlight: 1, maxBatch: 10, keysOf: byCustomer });

    const first = batcher.submit('anna:1');
    const second = batcher.submit('boris:1');
    statements.finishNext(new Error('deadlock detected'));
    await expect(first).rejects.toThrow('deadlock detected');
    await settle();
    statements.finishNext();

    await expect(second).resolves.toBe('stored boris:1');
  });

  it('fails a batch whose statement answers a different number of inputs', async () => {
    const batcher = new StatementBatcher(async (): Promise<string[]> => [], { maxInFlight: 1, maxBatch: 10, keysOf: byCustomer });

    await expect(batcher.submit('anna:1')).rejects.toThrow('a batch of 1 was answered with 0 results');
  });
});
