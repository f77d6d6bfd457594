import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReport, formatCheck } from './check.ts';
import { ReadError } from './document.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Pieces of real reports, shuffled: the extractors must take any order of them without crashing. */
const PIECES = [
  '\t',
  '\n',
  '\n\n',
  '\t一级指标',
  '\t权重',
  '\t得分',
  '\t投入指标',
  '\t3',
  '\t总分',
  '（一）项目决策情况',
  '（1）绩效目标（5分）',
  '1）办理人数不少于2000人（6分）',
  '该指标得4分。',
  '该项指标满分为3.00分，根据评分标准得2.70分。',
  '部门决策13分，得分12分，得分率92.31%；',
  '由6个三级指标构成，权重分为20分，实际得分20分，得分率为100%。',
  '综合评分95.30分，评价等级为“优”。',
  '预算执行率为99.99%',
  '年初预算9.97万元，',
  '实际支出31.98万元，',
  '资金执行33.46万元，',
  '预算资金3,288.65万元，其中：基本支出2,504.58万元，项目支出509.45万元。',
  '1.南昌市总工会',
  '2.南昌市工人文化宫',
  'A11年度工作目标：',
  '组织开展困难职工帮扶（3 分）',
  '≥500人次',
  '800',
  '产出指标',
  '（3 分）',
  '对于“产出数量”',
  '单位名称：浏阳市总工会',
  '2022年部门整体支出绩效自评报告',
  '调减330,867.00元（其中：人员经费调减457,039.93元，公用经费调增126,172.93元）',
  '年初一般公共预算收入7,549,890.00元，预算调整数7,219,023.00元，',
  '预算调整率=（7,549,890.00-7,202,507.26）/7,549,890.00=4.60%。',
  '部门整体支出合计358.52万元，其中：基本支出311.20万元，占86.80%；',
  '其他支出47.32万元，占13.19%。',
  '整体支出规模（万元）',
  '全年预算数',
  '全年执行数',
  '执行率',
  '资金来源：（1）财政拨款',
  '277.06',
  '129.4%',
  '（2）项目支出',
  '“A34办公资源投入合理性”指标得分为3.00*89.90%=2.70分。',
  'B13预算调整情况：①及时申请预算调整，得1分；②按规定程序进行预算调整，得1分。',
  '根据取得的52份工作人员调查问卷，问卷第2题“是否满意？”统计结果为非常满意占比82.69%，满意占比13.46%，',
  '“缴费人数（人）”指标，预期指标值为≥24次；',
  '南昌市总工会及直属事业单位（南昌市工人文化宫）追加支出合计788.62万元（其中：项目支出379.45万元、基本支出399.17万元），',
  '全年财政安排预算资金共计4,077.27万元（其中基本支出3,567.82万元，项目支出509.45万元）。',
  '项目支出部分509.45万元（含追加金额399.17万元），',
  '南昌市工人文化宫2023年度财政安排预算资金612.41万元，均为基本支出。',
  '（3）满意度指标（10分）',
  '工作总体满意度为95%。依据评分标准，该指标得8.75分。',
  '政府采购预算0万元，决算金额0万元。',
  '2023年无固定资产。依据评分标准，该指标得7分。',
  'C17组织技术技能竞赛活动20次：开展28场次。',
  '其中，决策类指标得分20分，过程类指标得分19.78分。',
];

describe('checking a report', () => {
  it('never crashes on any arrangement of report text, and what it builds is consistent (fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
        const r = checkReport(enc(pieces.join('')), 'fuzz.txt');
        assert.equal(r.counts.error + r.counts.warning + r.counts.info, r.findings.length);
        for (const u of r.units) assert.ok(u.leaves <= u.nodes);
        assert.equal(typeof formatCheck(r), 'string');
      }),
      { numRuns: 400 },
    );
  });

  it('a file that is not a report is refused with a ReadError; an empty text says nothing was found', () => {
    assert.throws(() => checkReport(enc('%PDF-1.4\n'), 'a.pdf'), ReadError);
    const r = checkReport(enc('这不是一份报告。\n'), 'x.txt');
    assert.equal(r.units.length, 0);
    assert.ok(r.unextracted.some((s) => s.includes('未找到评分指标')));
  });
});
