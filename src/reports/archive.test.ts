/** The archive package: its folders, byte-identical files, the list and what it says is missing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { ARCHIVE_LIST, type ArchiveInput, buildArchive, safeName } from './archive.ts';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

const base: ArchiveInput = {
  title: '某单位2024年度绩效评价',
  madeAt: new Date(2025, 0, 2, 3, 4),
  score: { total: '88.50' },
  audit: { findings: [] },
  document: { kind: 'unit' },
  questionnaires: [],
  questionnaireData: [],
  report: { name: '评价报告.docx', data: bytes(1, 2, 3) },
  feedback: [],
  evidence: [],
};

describe('archive package', () => {
  it('keeps names inside their folder', () => {
    assert.equal(safeName('../../etc/passwd'), '__.._etc_passwd');
    assert.equal(safeName('a:b*c?.pdf'), 'a_b_c_.pdf');
    assert.equal(safeName('   '), '_');
  });

  it('holds every file byte for byte and lists them all, saying what is missing', () => {
    const zip = buildArchive({
      ...base,
      questionnaires: [{ name: '会员满意度问卷', respondents: 225, questions: 5 }],
      questionnaireData: [{ id: 'q1' }],
      feedback: [{ name: '意见反馈表.docx', data: bytes(9) }],
      evidence: [
        { indicator: 'A11', name: '纪要.pdf', data: bytes(4, 5) },
        { indicator: 'A11', name: '纪要.pdf', data: bytes(6) },
      ],
    });
    const files = unzipSync(zip);
    assert.deepEqual(
      Object.keys(files).sort(),
      [
        '02-工作底稿/审核结果.json',
        '02-工作底稿/评价文件.json',
        '02-工作底稿/评分结果.json',
        '03-调查问卷/问卷数据.json',
        '03-调查问卷/问卷清单.csv',
        '04-评价报告/评价报告.docx',
        '05-征求意见/意见反馈表.docx',
        '06-佐证资料/A11/纪要.pdf',
        '06-佐证资料/A11/纪要（2）.pdf',
        ARCHIVE_LIST,
      ].sort(),
    );
    assert.deepEqual(files['06-佐证资料/A11/纪要（2）.pdf'], bytes(6));
    assert.deepEqual(files['04-评价报告/评价报告.docx'], bytes(1, 2, 3));
    assert.match(strFromU8(files['03-调查问卷/问卷清单.csv'] ?? bytes()), /1,会员满意度问卷,225,5/);
    const list = strFromU8(files[ARCHIVE_LIST] ?? bytes());
    assert.match(list, /^某单位2024年度绩效评价 归档资料清单/);
    assert.match(list, /生成时间：2025-01-02 03:04/);
    assert.match(list, /文件数：9/);
    assert.match(list, /06-佐证资料\/A11\/纪要\.pdf（2 字节，SHA-256 [0-9a-f]{64}）/);
    assert.match(list, /01-实施方案：系统中没有实施方案/);
    assert.doesNotMatch(list, /没有问卷|没有上传佐证资料|尚未发出/);
  });

  it('says when there are no questionnaires, drafts or evidence; a work plan goes in its folder', () => {
    const files = unzipSync(buildArchive({ ...base, workPlan: { name: '实施方案.docx', data: bytes(7) } }));
    assert.deepEqual(files['01-实施方案/实施方案.docx'], bytes(7));
    const list = strFromU8(files[ARCHIVE_LIST] ?? bytes());
    assert.match(list, /该评价没有问卷/);
    assert.match(list, /尚未发出征求意见稿/);
    assert.match(list, /没有上传佐证资料/);
    assert.doesNotMatch(list, /没有实施方案/);
  });
});
