#!/usr/bin/env bash
# Checks that every name written in backticks in docs/ARCHITECTURE.md still exists, so the newcomer's map does not
# drift from the code as files and types are renamed. No build needed: only git, grep and awk.
#
# Who calls it: whoever edits docs/ARCHITECTURE.md or renames code, by hand (`bash scripts/check-doc-names.sh`), and
# scripts/test.sh before any test (a missing name fails the run). An optional argument (a path from the repository root, or an
# absolute one) checks another markdown file instead.
#
# What counts as what (fenced code blocks are skipped; so is every token not listed here):
#   - a path: contains '/' or ends in .cs .razor .lua .md .sh .json .yml .js .css .csproj .sln .props. It must exist
#     as a file or folder relative to the repository root, or else be the tail of some file's path in the repository
#     (`Packets/Claiming/` or `Program.cs` will do). A '*' in it is matched as a glob. Routes (starting with '/') and
#     tokens with '{' or a space are not paths.
#   - a C# name: `Type`, `Type.Member`, `Method()`, `Type<T>`. Every segment must occur as a word in one and the same
#     .cs or .razor file. All-capital words (`TIME`, `PEXPIRE`, `NOW()`) are SQL or Redis words and are skipped.
#   - a setting: starts with `RedPacket:`. Its last segment (before any '=') must be a property in some .cs file
#     (`Name { get`) or a word in README.md.
# Files searched: tracked ones plus new ones not yet added (a rename under way), never ones deleted from disk.
# Prints `missing: <token>` for each name not found and exits 1; otherwise `doc names: N checked, all exist`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DOC="${1:-docs/ARCHITECTURE.md}"
[[ -f $DOC ]] || { echo "check-doc-names: no such file: $DOC" >&2; exit 2; }

files=()
code=()
while IFS= read -r f; do
  [[ -e $f ]] || continue
  files+=("$f")
  case $f in *.cs | *.razor) code+=("$f") ;; esac
done < <(git ls-files --cached --others --exclude-standard | sort -u)
file_list="$(printf '%s\n' "${files[@]}")"
((${#code[@]} > 0)) || { echo "check-doc-names: no .cs or .razor files found under $ROOT" >&2; exit 2; }

# Inline code spans outside fenced blocks, each once.
tokens=()
while IFS= read -r t; do tokens+=("$t"); done < <(
  awk '/^[[:space:]]*(```|~~~)/ { fenced = !fenced; next } !fenced' "$DOC" \
    | grep -o '`[^`]\+`' | sed 's/^`//; s/`$//' | sort -u)

# A path (file or folder) exists on disk, or is the tail of a repository file's path.
path_exists() {
  local p="${1#./}"
  p="${p%/}"
  [[ -n $p ]] || return 1
  if [[ $p == *'*'* ]]; then
    local f
    for f in "${files[@]}"; do
      # shellcheck disable=SC2053 # a glob on purpose
      [[ $f == $p || $f == */$p || $f == $p/* || $f == */$p/* ]] && return 0
    done
    return 1
  fi
  [[ -e $p ]] && return 0
  # A here-string, not a pipe: awk stopping early must not fail the writer under pipefail.
  awk -v p="$p" '
    $0 == p || substr($0, length($0) - length(p)) == "/" p || index("/" $0, "/" p "/") > 0 { found = 1; exit }
    END { exit !found }' <<<"$file_list"
}

# Every dot-separated segment of a C# name occurs as a word in one and the same .cs or .razor file.
name_exists() {
  local IFS=.
  local -a segments
  read -r -a segments <<<"$1"
  local -a within=("${code[@]}")
  local s
  for s in "${segments[@]}"; do
    mapfile -t within < <(grep -lw -- "$s" "${within[@]}" 2>/dev/null || true)
    ((${#within[@]} > 0)) || return 1
  done
}

# A setting's last segment is a property in C# or a word in the README.
setting_exists() {
  local key="${1%%=*}"
  local last="${key##*:}"
  [[ $last =~ ^[A-Za-z][A-Za-z0-9]*$ ]] || return 1
  grep -qE -- "\\b${last}[[:space:]]*\\{[[:space:]]*(get|init|set)\\b" "${code[@]}" 2>/dev/null && return 0
  grep -qw -- "$last" README.md 2>/dev/null
}

checked=0
missing=0
for t in "${tokens[@]}"; do
  kind=
  if [[ $t =~ [[:space:]] || $t == /* || $t == *'{'* || $t == *://* ]]; then
    kind=
  elif [[ $t == RedPacket:* ]]; then
    kind=setting
  elif [[ $t == */* || $t =~ \.(cs|razor|lua|md|sh|json|yml|js|css|csproj|sln|props)$ ]]; then
    kind=path
  elif [[ $t =~ ^[A-Z][A-Za-z0-9]+(\.[A-Z][A-Za-z0-9]+)*(\(\)|<[A-Za-z0-9, ]+>)?$ ]]; then
    name="${t%%[(<]*}"
    [[ $name =~ ^[A-Z0-9.]+$ ]] || kind=name
  fi
  [[ -n $kind ]] || continue
  checked=$((checked + 1))
  case $kind in
    path) path_exists "$t" && continue ;;
    name) name_exists "$name" && continue ;;
    setting) setting_exists "$t" && continue ;;
  esac
  echo "missing: $t"
  missing=$((missing + 1))
done

if ((missing > 0)); then
  echo "doc names: $checked checked, $missing missing" >&2
  exit 1
fi
echo "doc names: $checked checked, all exist"
