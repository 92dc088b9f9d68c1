# cli_lib.sh: what every tests/cli_*.sh shares; source it after `set -u`.
# Gives a scratch folder $out (removed on exit), fail=0, and
#   check NAME STATUS   prints "ok: NAME", or "FAIL: NAME" and sets fail=1
#                       when STATUS (usually $?) is not 0.
fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

check() {
	if [ "$2" -ne 0 ]; then
		echo "FAIL: $1"
		fail=1
	else
		echo "ok: $1"
	fi
}
