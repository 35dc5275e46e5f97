// 新建下一届赛事 (issue #12 item 6) and the 请核对 banner of a contest made from the previous one. Mirrors
// src-tauri/src/commands/season_new.rs.
import { call } from './commands'
import type { NextSeasonPlan } from './gen/NextSeasonPlan'
import type { NewSeason } from './gen/NewSeason'
import type { SeasonCheck } from './gen/SeasonCheck'
import type { MovedSetting } from './gen/MovedSetting'
import type { OverdueFollowUp } from './gen/OverdueFollowUp'

export type { NextSeasonPlan, NewSeason, SeasonCheck, MovedSetting, OverdueFollowUp }

export const seasonNextPlan = () => call('season_next_plan')
export const seasonNewCreate = (path: string) => call('season_new_create', { path })
export const seasonCheckGet = () => call('season_check_get')
export const seasonCheckConfirm = (who: string) => call('season_check_confirm', { who })
