#!/usr/bin/env bash
# The desktop app's Windows exe. Its window cannot be driven here (WebView2
# does not run under Wine), so this checks what can be: that it needs nothing
# beyond Windows itself and the WebView2 loader shipped beside it, and that
# without the WebView2 Runtime it explains itself in a message box and exits,
# rather than crashing or hanging. Needs an X display (run under xvfb-run).
#
#   bash tests/windows/app.sh target/windows/x86_64-pc-windows-gnu/debug/assent-app.exe
set -euo pipefail
source "$(dirname "$0")/lib.sh"
app="$(realpath "$1")"
work="$(pwd)/target/windows-tests/app"
rm -rf "$work"
mkdir -p "$work"

# ---- imports: Windows' own DLLs and the WebView2 loader, nothing else
x86_64-w64-mingw32-objdump -p "$app" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u >"$work/imports"
echo "     imports: $(tr '\n' ' ' <"$work/imports")"
system_dll() {
    case "$1" in
        webview2loader.dll | kernel32.dll | user32.dll | gdi32.dll | advapi32.dll | shell32.dll \
            | ole32.dll | oleaut32.dll | comctl32.dll | comdlg32.dll | shlwapi.dll | uxtheme.dll \
            | dwmapi.dll | ws2_32.dll | crypt32.dll | bcrypt.dll | bcryptprimitives.dll | ntdll.dll \
            | userenv.dll | msvcrt.dll | gdiplus.dll | imm32.dll | winmm.dll | version.dll \
            | propsys.dll | rpcrt4.dll | secur32.dll | setupapi.dll | dbghelp.dll | winspool.drv \
            | dxgi.dll | d3d11.dll | msimg32.dll \
            | oleacc.dll | wininet.dll | iphlpapi.dll | powrprof.dll | dwrite.dll | d2d1.dll \
            | shcore.dll | urlmon.dll | windowscodecs.dll | winhttp.dll | ncrypt.dll | credui.dll) return 0 ;;
        # API sets: names Windows 8 and later resolve to their own system DLLs.
        api-ms-win-*.dll) return 0 ;;
        *) return 1 ;;
    esac
}
only_system() {
    local bad=""
    while read -r dll; do system_dll "$dll" || bad="$bad $dll"; done <"$work/imports"
    [ -z "$bad" ] || { echo "     not a Windows system DLL:$bad"; return 1; }
}
check "the app imports only Windows system DLLs and WebView2Loader.dll" only_system
check "the app imports the WebView2 loader" grep -qx 'webview2loader.dll' "$work/imports"
check "the WebView2 loader is built beside the app" test -f "$(dirname "$app")/WebView2Loader.dll"
check "the app exe carries the Assent version information" \
    bash -c "strings -el '$app' | grep -qx 'Assent'"

# ---- started without WebView2 (Wine has none)
wine_prefix_new "$work/prefix"
timeout 120 wine "$app" >"$work/stdout" 2>"$work/stderr" &
pid=$!
title="Assent cannot start on this PC"
found=""
for _ in $(seq 1 120); do
    if xwininfo -root -tree 2>/dev/null | grep -qF "\"$title\""; then found=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
check "it shows a message box titled \"$title\"" test -n "$found"
import -window root "$work/no-webview2.png" 2>/dev/null || true
if [ -n "$found" ]; then
    wid=$(xdotool search --name "^$title\$" | head -n 1)
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    xdotool key --window "$wid" Return 2>/dev/null || true
    sleep 1
    kill -0 "$pid" 2>/dev/null && xdotool key Return 2>/dev/null || true
fi
code=0
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then code=hung; kill "$pid" 2>/dev/null || true; else wait "$pid" || code=$?; fi
check "once the message is closed it exits with code 1 (it was: $code)" test "$code" = 1
check "the message says what is missing and what to do" \
    bash -c "tr -d '\r' <'$work/stderr' | grep -q 'Microsoft Edge WebView2 Runtime' && grep -q 'IT technician' '$work/stderr'"
check "it did not crash" bash -c "! grep -qiE 'panicked|backtrace|unhandled' '$work/stderr'"
finish
