import type { Translate } from '../../core/i18n.js';
import type { Outgoing } from '../../io/mail/delivery.js';

/** Up to this many letters, the summary lists each one; beyond, how many go to whom. */
const LISTED = 10;

/**
 * What a send is about to do, said before the question: each letter when there are few, else
 * how many go to whom and in which languages. Added to letter by letter as they are planned,
 * so that a batch need not keep its letters to say it.
 */
export class SendSummary {
  count = 0;
  private testTo: string | undefined;
  private readonly listed: string[] = [];
  private readonly groups = new Map<string, { count: number; langs: Set<string> }>();

  static of(outgoing: Iterable<Outgoing>): SendSummary {
    const summary = new SendSummary();
    for (const letter of outgoing) summary.add(letter);
    return summary;
  }

  add({ plan, owed }: Outgoing): void {
    if (this.count === 0) this.testTo = plan.testTo;
    this.count++;
    const to = plan.to
      .filter((m) => plan.testTo || owed.send.includes(m.address))
      .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
      .join(', ');
    if (this.listed.length < LISTED) this.listed.push(`  ${this.count}. ${to}  [${plan.letter.lang}] "${plan.subject}"`);
    const group = this.groups.get(to) ?? { count: 0, langs: new Set<string>() };
    group.count++;
    group.langs.add(plan.letter.lang);
    this.groups.set(to, group);
  }

  text(t: Translate, from: string, server: string): string {
    const rehearsal = this.testTo ? ` ${t('send.rehearsal', { address: this.testTo })}` : '';
    const head = `${t('send.aboutTo', { count: this.count, from, server })}${rehearsal}:`;
    if (this.count <= LISTED) return [head, ...this.listed].join('\n');
    // A whole evening's letters: how many to whom, in which languages.
    return [head, ...[...this.groups].map(([to, { count, langs }]) => `  ${count} × ${to}  [${[...langs].join(', ')}]`)].join('\n');
  }
}
