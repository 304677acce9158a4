/** Numbered progress lines for the start-up steps a person waits for. */
export class Progress {
  private step = 0;
  private started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: (line: string) => void = (l) => console.log(l),
  ) {}

  begin(what: string): void {
    this.step += 1;
    this.started = Date.now();
    this.out(`[${this.step}/${this.total}] ${what}…`);
  }

  done(detail = ''): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.out(`      done in ${seconds}s${detail ? ` — ${detail}` : ''}`);
  }
}
