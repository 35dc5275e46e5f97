import { describe, expect, it } from 'vitest'
import { filterLicences, licenceSections, tally } from './about'
import type { Licence } from '../api/gen/Licence'

const lic = (name: string, license: string): Licence => ({ name, version: '1.0.0', license, repository: '' })

describe('关于: licences', () => {
  const crates = [lic('serde', 'MIT OR Apache-2.0'), lic('tauri', 'Apache-2.0 OR MIT'), lic('syn', 'MIT OR Apache-2.0'), lic('ring', 'ISC')]

  it('tallies the most common licences first and counts the rest as 其他', () => {
    expect(tally(crates, 2)).toBe('共 4 项：MIT OR Apache-2.0 2、Apache-2.0 OR MIT 1、其他 1')
    expect(tally(crates)).toBe('共 4 项：MIT OR Apache-2.0 2、Apache-2.0 OR MIT 1、ISC 1')
  })

  it('groups fonts, Rust crates and npm packages in that order, an empty group saying so', () => {
    const s = licenceSections({ version: '0.1.0', licences: { fonts: [lic('Noto Serif SC', 'OFL-1.1')], crates, npm: [] } })
    expect(s.map((x) => [x.key, x.title, x.rows.length])).toEqual([
      ['fonts', '字体', 1],
      ['crates', 'Rust 库', 4],
      ['npm', '界面库（npm）', 0],
    ])
    expect(s[2].summary).toBe('无')
  })

  it('filters by name or licence, ignoring case and blanks', () => {
    expect(filterLicences(crates, '  ').length).toBe(4)
    expect(filterLicences(crates, 'TAURI').map((r) => r.name)).toEqual(['tauri'])
    expect(filterLicences(crates, 'isc').map((r) => r.name)).toEqual(['ring'])
  })
})
