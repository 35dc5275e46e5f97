#!/usr/bin/env python3
"""Writes assets/licenses.json: the licences of what the app ships, shown in 关于.

- crates: every package the desktop app (saiwu-desk) links, from `cargo metadata` (normal dependencies only, walked
  from saiwu-desk through the resolved graph, for Linux and Windows; build scripts and tests excluded);
- npm: the production packages of the window (ui/package-lock.json entries not marked dev), with the licence from
  ui/node_modules/<package>/package.json (the lock's field when the folder is missing);
- fonts: the bundled font files (assets/fonts).

`--check` regenerates in memory and fails when the committed file differs (scripts/test.sh runs it).
Sorted and without dates, so the same inputs give the same bytes.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "licenses.json")
PLATFORMS = ["x86_64-unknown-linux-gnu", "x86_64-pc-windows-msvc"]
FONTS = [
    {
        "name": "Noto Serif SC（思源宋体）",
        "version": "Regular，Google Fonts v35（npm @expo-google-fonts/noto-serif-sc 0.4.3）",
        "license": "OFL-1.1",
        "repository": "assets/fonts/OFL.txt",
    }
]


def crates_for(platform):
    args = ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", platform]
    # Offline first; a fresh machine has never fetched the Windows-only crates (a Linux build does not need
    # them), so their manifests come from the registry then. --locked: the lock file is never changed.
    run = subprocess.run(args + ["--offline"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        print(f"（{platform} 的依赖清单需要从 crates.io 取得，联网读取）", file=sys.stderr)
        run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"cargo metadata（{platform}）失败：\n{run.stderr}")
    out = run.stdout
    meta = json.loads(out)
    pkgs = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    members = set(meta["workspace_members"])
    start = [i for i in members if pkgs[i]["name"] == "saiwu-desk"]
    seen, todo = set(), list(start)
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        for d in nodes[i]["deps"]:
            if any(k["kind"] is None for k in d["dep_kinds"]):
                todo.append(d["pkg"])
    found = {}
    for i in seen - members:
        p = pkgs[i]
        found[(p["name"], p["version"])] = {
            "name": p["name"],
            "version": p["version"],
            "license": p.get("license") or ("见 " + p["license_file"] if p.get("license_file") else "未声明"),
            "repository": p.get("repository") or "",
        }
    return found


def crates():
    found = {}
    for platform in PLATFORMS:
        found.update(crates_for(platform))
    return [found[k] for k in sorted(found)]


def npm():
    lock = json.load(open(os.path.join(ROOT, "ui", "package-lock.json"), encoding="utf-8"))
    found = {}
    for path, entry in lock["packages"].items():
        if not path or entry.get("dev") or entry.get("link"):
            continue
        manifest = os.path.join(ROOT, "ui", path, "package.json")
        pkg = json.load(open(manifest, encoding="utf-8")) if os.path.isfile(manifest) else {}
        name = pkg.get("name") or path.split("node_modules/")[-1]
        lic = pkg.get("license") or entry.get("license") or "未声明"
        if isinstance(lic, dict):
            lic = lic.get("type", "未声明")
        repo = pkg.get("repository") or ""
        if isinstance(repo, dict):
            repo = repo.get("url", "")
        version = pkg.get("version") or entry.get("version", "")
        found[(name, version)] = {"name": name, "version": version, "license": lic, "repository": repo}
    return [found[k] for k in sorted(found)]


def render():
    doc = {
        "note": "由 scripts/gen-licenses.py 生成，请勿手改；依赖变化后重新运行它。",
        "fonts": FONTS,
        "crates": crates(),
        "npm": npm(),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        old = open(OUT, encoding="utf-8").read() if os.path.isfile(OUT) else ""
        if old != text:
            sys.stderr.write("错误：assets/licenses.json 与当前依赖不一致。请运行 python3 scripts/gen-licenses.py 并提交。\n")
            sys.exit(1)
        print("assets/licenses.json 与当前依赖一致")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    d = json.loads(text)
    print(f"assets/licenses.json：{len(d['crates'])} 个 Rust 库，{len(d['npm'])} 个 npm 包，{len(d['fonts'])} 种字体")


if __name__ == "__main__":
    main()
