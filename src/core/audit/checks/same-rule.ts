/**
 * 同一规则、同一输入得分不同: indicators scored by the same rule (same printed rule, or the same method
 * and parameters) must give the same share of the weight for the same actual value, and — where more
 * is better — never a lower share for a higher value. Within one evaluation or across several.
 */
import { type Rat, cmp, div, eq, isZero, lt } from '../../decimal/index.ts';
import { flatten } from '../../engine.ts';
import type { ScoreResult, ScoredNode } from '../../result.ts';
import type { Finding } from '../finding.ts';
import type { MethodInput } from '../../schema/methods.ts';
import { share } from '../../scoring/support.ts';
import { documentScore, percent, plain } from '../context.ts';

export interface RuleSample {
  /** Location prefix: "" within one file, "<file stem>:" across files. */
  where: string;
  scored: ScoredNode;
}

function ruleKey(s: ScoredNode): string | undefined {
  const m = s.node.method;
  if (!m) return undefined;
  if (m.rule !== undefined) return `rule:${m.rule}`;
  if (m.type === 'manual') return `name:${s.node.name}`;
  return `method:${JSON.stringify(canonical(m))}|target:${s.node.target?.text ?? ''}`;
}

/** Parameters with their defaults filled in, so that {band} and {band, floor: "60%"} are one rule. */
function canonical(m: MethodInput): Record<string, unknown> {
  const base: Record<string, unknown> = { ...m, rule: undefined };
  switch (m.type) {
    case 'band':
      return { ...base, floor: plain(share(m.floor ?? '60%')) };
    case 'threshold':
      return { ...base, partial: plain(share(m.partial ?? 0)) };
    case 'deduction':
      return {
        ...base,
        perUnit: plain(share(m.perUnit)),
        basis: m.basis ?? 'shortfall',
        unitSize: plain(share(m.unitSize ?? 1)),
      };
    default:
      return base;
  }
}

function higherIsBetter(s: ScoredNode): boolean {
  const t = s.node.target;
  if (t?.kind === 'quantity') return t.op === '>=' || t.op === '>';
  return s.actual?.kind === 'quantity' && s.actual.percent;
}

interface Sample {
  label: string;
  location: string;
  value: Rat;
  valueText: string;
  score: Rat;
  share: Rat;
  higher: boolean;
}

function toSample(x: RuleSample): Sample | undefined {
  const s = x.scored;
  if (s.actual?.kind !== 'quantity' || s.status === 'not-applicable' || isZero(s.node.weight))
    return undefined;
  const score = documentScore(s);
  return {
    label: `${x.where}${s.node.code} ${s.node.name}`,
    location: `${x.where}${s.node.code}`,
    value: s.actual.value,
    valueText: s.actual.text,
    score,
    share: div(score, s.node.weight),
    higher: higherIsBetter(s),
  };
}

export function sameRuleFindings(samples: readonly RuleSample[]): Finding[] {
  const groups = new Map<string, Sample[]>();
  for (const x of samples) {
    const key = ruleKey(x.scored);
    const sample = toSample(x);
    if (key === undefined || sample === undefined) continue;
    const k = `${key}|w:${plain(x.scored.node.weight)}`;
    groups.set(k, [...(groups.get(k) ?? []), sample]);
  }
  const findings: Finding[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => cmp(a.value, b.value));
    sorted.forEach((b, i) => {
      const earlier = sorted.slice(0, i);
      const same = earlier.find((a) => eq(a.value, b.value) && !eq(a.share, b.share));
      const inverted = b.higher
        ? earlier.find((a) => lt(a.value, b.value) && lt(b.share, a.share))
        : undefined;
      const a = same ?? inverted;
      if (!a) return;
      findings.push({
        severity: 'error',
        kind: 'same-rule-different-score',
        location: b.location,
        message: same
          ? `同一评分规则、同一完成值 ${b.valueText}：${a.label} 得 ${plain(a.score)} 分（${percent(a.share)}），${b.label} 得 ${plain(b.score)} 分（${percent(b.share)}）`
          : `同一评分规则下完成值更高反而得分更低：${a.label} 完成 ${a.valueText} 得 ${plain(a.score)} 分，${b.label} 完成 ${b.valueText} 得 ${plain(b.score)} 分`,
        stated: plain(b.score),
        computed: plain(a.score),
      });
    });
  }
  return findings;
}

export function leafSamples(result: ScoreResult, where = ''): RuleSample[] {
  return flatten(result.roots)
    .filter((s) => s.children.length === 0)
    .map((scored) => ({ where, scored }));
}
