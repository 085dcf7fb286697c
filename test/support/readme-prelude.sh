# Sourced before the README's shell blocks by test/e2e/readme.e2e-spec.ts (see readme-script.ts).
# Every curl must answer 2xx (GraphQL: no `errors`) unless announced by `# expect <status|CODE>`.
set -euo pipefail
trap 'echo "README.md:$LINENO: command failed (exit $?)" >&2' ERR

__readme_expected=

__readme_expect() {
  if [ -n "$__readme_expected" ]; then
    echo "README announced '# expect $__readme_expected' but ran no curl before the next announcement" >&2
    return 1
  fi
  __readme_expected=$1
}

curl() {
  local expected=$__readme_expected tmp status rc=0 url= arg
  __readme_expected=
  for arg in "$@"; do case $arg in http://* | https://*) url=$arg ;; esac; done
  tmp=$(mktemp)
  command curl "$@" --write-out '\n%{http_code}' >"$tmp" || rc=$?
  status=$(tail -c 3 "$tmp")
  head -c -4 "$tmp"
  local code=
  if [[ $url == */graphql ]] && [[ $(head -c 5 "$tmp") != HTTP/ ]]; then
    code=$(head -c -4 "$tmp" | jq -r 'if (.errors // []) | length > 0 then .errors[0].extensions.code // "GRAPHQL_ERROR" else "" end' 2>/dev/null || echo NOT_JSON)
  fi
  rm -f "$tmp"
  if [ -n "$expected" ]; then
    if [ "$expected" = "$status" ] || [ "$expected" = "$code" ]; then return 0; fi
    echo "expected $expected from curl $url, got HTTP $status${code:+ ($code)}" >&2
    return 1
  fi
  if [ "$rc" -ne 0 ] && [ "$status" = 000 ]; then
    echo "curl $url failed (exit $rc, no HTTP answer)" >&2
    return 1
  fi
  if [[ $status != 2?? ]]; then
    echo "unannounced HTTP $status from curl $url (announce it with '# expect $status' on the line before)" >&2
    return 1
  fi
  if [ -n "$code" ]; then
    echo "unannounced GraphQL error $code from $url (announce it with '# expect $code' on the line before)" >&2
    return 1
  fi
}
