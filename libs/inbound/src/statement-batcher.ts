export interface StatementBatcherOptions<Input> {
  /** Statements running at once; what arrives meanwhile waits and goes together into the next one. */
  maxInFlight: number;
  maxBatch: number;
  /**
   * Inputs sharing a key never go into the same statement, nor into statements running at once: the later one waits
   * for the next statement after the earlier one's.
   */
  keysOf: (input: Input) => readonly string[];
}

interface Waiting<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups work that arrives while a statement runs into the next statement, so that under load one round trip, one
 * commit and one firing of each statement trigger serve many inputs, while an input arriving at a quiet moment goes
 * out at once, alone. `run` answers every input of a batch, in the order given; if it throws, every input of that
 * batch gets the error.
 */
export class StatementBatcher<Input, Output> {
  private readonly waiting: Waiting<Input, Output>[] = [];
  private readonly keysInFlight = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: Input[]) => Promise<Output[]>,
    private readonly options: StatementBatcherOptions<Input>,
  ) {}

  submit(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      void this.runBatch(batch);
    }
  }

  /** The oldest waiting inputs, up to maxBatch, skipping (and keeping in their place) those whose keys are taken. */
  private takeBatch(): Waiting<Input, Output>[] {
    const batch: Waiting<Input, Output>[] = [];
    const taken = this.keysInFlight;
    for (let index = 0; index < this.waiting.length && batch.length < this.options.maxBatch; ) {
      const item = this.waiting[index];
      const keys = this.options.keysOf(item.input);
      if (keys.some((key) => taken.has(key))) {
        index++;
        continue;
      }
      for (const key of keys) taken.add(key);
      batch.push(item);
      this.waiting.splice(index, 1);
    }
    return batch;
  }

  private async runBatch(batch: Waiting<Input, Output>[]): Promise<void> {
    this.inFlight++;
    const keys = batch.flatMap((item) => this.options.keysOf(item.input));
    try {
      const outputs = await this.run(batch.map((item) => item.input));
      if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} was answered with ${outputs.length} results`);
      batch.forEach((item, index) => item.resolve(outputs[index]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.inFlight--;
      for (const key of keys) this.keysInFlight.delete(key);
      this.dispatch();
    }
  }
}
