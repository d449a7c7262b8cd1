# Sourced by the other scripts: finds the PostgreSQL server programs.
# Prints the directory holding initdb and pg_ctl: PATH first, then Debian's
# /usr/lib/postgresql/<version>/bin, newest version first. Prints nothing when absent.
pg_bindir() {
    local candidate
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
