# The pass/fail tally shared by the shell test suites (sourced, not run). It
# ends with the plain "N passed, N failed" line that CI reads.
#
#   source tests/tally.sh
#   check "what is being checked" command args…
#   tally                               # prints the count; fails if any check failed

passed=0
failed=0

# Runs one check: its description, then the command.
check() {
    local what="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   - $what"
    else
        failed=$((failed + 1))
        echo "FAIL - $what"
    fi
}

tally() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
