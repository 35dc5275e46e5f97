import { describe, expect, it } from 'vitest'
import { defaultMonitor, monitorLabel, pageSlice, projectorFit, refPanelStartsOpen, refSummary } from './layout'

const st = (kind: string, imported: boolean, rows = 0) => ({ kind, imported, rows })

describe('参考名单 fold', () => {
  it('starts open only while no list is in', () => {
    expect(refPanelStartsOpen([st('dishonesty', false), st('judges', false)])).toBe(true)
    expect(refPanelStartsOpen([])).toBe(true)
    expect(refPanelStartsOpen([st('dishonesty', false), st('judges', true, 6)])).toBe(false)
  })
  it('summarises the counts in one line', () => {
    const s = refSummary([st('dishonesty', true, 1), st('judges', true, 6), st('provincial-winners', false)])
    expect(s).toBe('已导入 2 / 5 个名单：失信名单 1 条，评委名单 6 位；未导入 省赛获奖名单、其他市级赛事获奖名单、推荐名单')
    expect(refSummary([])).toBe('已导入 0 / 5 个名单；未导入 省赛获奖名单、失信名单、其他市级赛事获奖名单、推荐名单、评委名单')
  })
})

describe('projector fit', () => {
  it('shows everything at once when it fits, rows as tall as the room allows (capped)', () => {
    expect(projectorFit(600, 5, 48, 110)).toEqual({ rowHeight: 110, perPage: 5, pages: 1 })
    expect(projectorFit(600, 10, 48, 110)).toEqual({ rowHeight: 60, perPage: 10, pages: 1 })
    expect(projectorFit(600, 12, 48, 110)).toEqual({ rowHeight: 50, perPage: 12, pages: 1 })
  })
  it('pages evenly when the rows would get smaller than legible', () => {
    // 600 px hold 12 rows of 48 px: 13 rows make two pages of 7.
    expect(projectorFit(600, 13, 48, 110)).toEqual({ rowHeight: 85, perPage: 7, pages: 2 })
    expect(projectorFit(480, 30, 48, 110)).toEqual({ rowHeight: 48, perPage: 10, pages: 3 })
  })
  it('survives a window with no room and no rows', () => {
    expect(projectorFit(0, 3, 48, 110)).toEqual({ rowHeight: 48, perPage: 1, pages: 3 })
    expect(projectorFit(500, 0, 48, 110).pages).toBe(1)
  })
  it('every row is on exactly one page', () => {
    const rows = Array.from({ length: 23 }, (_, i) => i)
    const fit = projectorFit(520, rows.length, 48, 110)
    const seen = Array.from({ length: fit.pages }, (_, p) => pageSlice(rows, p, fit.perPage)).flat()
    expect(seen).toEqual(rows)
    expect(fit.pages).toBeGreaterThan(1)
  })
})

describe('projector screen', () => {
  const m = (name: string, current: boolean) => ({ name, width: 1920, height: 1080, current })
  it('defaults to a second screen, else the main window\'s', () => {
    expect(defaultMonitor([m('eDP-1', true), m('HDMI-1', false)])).toBe('HDMI-1')
    expect(defaultMonitor([m('HDMI-1', false), m('eDP-1', true)])).toBe('HDMI-1')
    expect(defaultMonitor([m('eDP-1', true)])).toBe('eDP-1')
    expect(defaultMonitor([])).toBeNull()
  })
  it('labels a screen by number and size', () => {
    expect(monitorLabel(m('HDMI-1', false), 1)).toBe('显示器 2（1920×1080）')
    expect(monitorLabel(m('eDP-1', true), 0)).toBe('显示器 1（1920×1080，本窗口所在）')
  })
})
