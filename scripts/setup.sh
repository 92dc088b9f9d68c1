# Shared by scripts/run and scripts/test: install what is missing with
# apt-get (sudo when not root), then configure and build with CMake.
# Sourced, not run.

TCPSIM_PACKAGES="cmake gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libfontconfig-dev fonts-dejavu-core libpcap-dev libpng-dev"

tcpsim_missing_packages() {
	local missing="" p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$missing $p"
	done
	echo "$missing"
}

# tcpsim_install PKG...: installs the missing ones, or says exactly what to run.
tcpsim_install() {
	local missing
	missing=$(tcpsim_missing_packages "$@")
	[ -z "$missing" ] && return 0
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			sudo="sudo"
		else
			echo "tcpsim: these packages are missing:$missing" >&2
			echo "tcpsim: run as root: apt-get install -y$missing" >&2
			return 1
		fi
	fi
	echo "tcpsim: installing$missing" >&2
	if ! { $sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing; } >&2; then
		echo "tcpsim: could not install; run: sudo apt-get install -y$missing" >&2
		return 1
	fi
}

# tcpsim_build DIR [cmake options...]: configure and build into DIR.
tcpsim_build() {
	local dir=$1
	shift
	cmake -S "$TCPSIM_ROOT" -B "$dir" "$@" >/dev/null || return 1
	cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" -- --no-print-directory
}
