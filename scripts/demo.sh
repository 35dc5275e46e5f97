#!/usr/bin/env bash
# Installs what is missing, builds the app and starts it on a demo contest: its own contest file
# demo/contest.sqlite, with the generated national-site export and the judges list from fixtures/ imported and
# the preliminary round's panels made, so 评分录入 can start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

echo "==> 构建界面"
npm --prefix ui run build --silent
echo "==> 构建程序（首次约 5 分钟）"
cargo build --release -p saiwu-desk -p saiwu-cli

mkdir -p demo
if [ ! -f demo/contest.sqlite ]; then
  echo "==> 创建演示赛事：导入 fixtures/generated/export_v1.xlsx 和评委名单，按组别建立初赛评审组"
  ./target/release/saiwu --db demo/contest.sqlite import entries fixtures/generated/export_v1.xlsx
  ./target/release/saiwu --db demo/contest.sqlite import reference judges fixtures/handmade/judges.xlsx
  ./target/release/saiwu --db demo/contest.sqlite panels --round preliminary --auto
fi
echo "==> 启动：演示赛事文件 demo/contest.sqlite（删除该文件即可重新生成）"
exec ./target/release/saiwu-desk --db "$PWD/demo/contest.sqlite"
