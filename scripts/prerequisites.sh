# Sourced by ./mish, notebooks/run, notebooks/check-reports and .ci/run: checks what a script needs before it
# starts, and says what to install instead of failing deep inside a build.
#   need_java17 WHO                JDK 17 or newer on PATH (javac too: Maven compiles)
#   need_command WHO CMD HINT      a command on PATH, with an install hint
#   install_debian WHO WHY PKG...  installs Debian packages a script needs (as root with apt-get), or says which

need_java17() {
  local who="$1" version major
  if ! command -v java >/dev/null || ! command -v javac >/dev/null; then
    echo "$who: a JDK 17 or newer is needed (java and javac on PATH); install one, e.g." \
      "apt-get install openjdk-17-jdk-headless" >&2
    exit 1
  fi
  version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  [[ "$major" == 1 ]] && major="$(echo "$version" | cut -d. -f2)"   # 1.8 style
  if [[ ! "$major" =~ ^[0-9]+$ || "$major" -lt 17 ]]; then
    echo "$who: Java 17 or newer is needed, found ${version:-an unreadable version} at $(command -v java);" \
      "install one (apt-get install openjdk-17-jdk-headless) or put it first on PATH (JAVA_HOME/bin)" >&2
    exit 1
  fi
}

need_command() {
  local who="$1" cmd="$2" hint="$3"
  if ! command -v "$cmd" >/dev/null; then
    echo "$who: '$cmd' is needed and not on PATH; install it ($hint)" >&2
    exit 1
  fi
}

install_debian() {
  local who="$1" why="$2"
  shift 2
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "$who: $why needs the Debian packages $*; install them (as root: apt-get install $*) and rerun" >&2
    return 1
  fi
  echo "$who: installing $* ($why) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
