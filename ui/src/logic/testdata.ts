// Deterministic generated data for unit tests (not used by the app).
import type { EntryRow } from '../api/types'

export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const UNITS = ['潞州区', '上党区', '屯留区', '潞城区', '襄垣县', '平顺县', '黎城县', '壶关县', '长子县', '武乡县', '沁县', '沁源县', '高新区', '经开区', '长治学院']
const FIELDS = ['新一代信息技术', '高端装备', '新材料', '生物医药', '节能环保', '数字创意']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄']

export function makeRows(n: number, seed = 42): EntryRow[] {
  const r = rng(seed)
  const rows: EntryRow[] = []
  for (let i = 1; i <= n; i++) {
    const company = r() < 0.7
    const g = r()
    rows.push({
      project_no: `CK2026${String(i).padStart(5, '0')}`,
      key: `no:CK2026${String(i).padStart(5, '0')}`,
      group: g < 0.55 ? 'enterprise' : g < 0.97 ? 'startup' : null,
      kind: company ? 'company' : 'team',
      project_name: `项目${i}号${FIELDS[i % FIELDS.length]}方案`,
      entrant_name: company ? `长治市示例${i}科技有限公司` : `示例团队${i}`,
      credit_code: company ? `91140400MA${String(i).padStart(7, '0')}X` : null,
      unit: r() < 0.05 ? null : UNITS[Math.floor(r() * UNITS.length)],
      county: UNITS[i % 12],
      field: FIELDS[Math.floor(r() * FIELDS.length)],
      leader_name: `${SURNAMES[i % SURNAMES.length]}某${i}`,
      member_count: 1 + Math.floor(r() * 8),
      problem_count: r() < 0.2 ? 1 + Math.floor(r() * 5) : 0,
      missing: r() < 0.02,
    })
  }
  return rows
}
