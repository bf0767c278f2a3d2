/* Test-only: holds a file open the way SQLite's Windows VFS does (read and
 * write, sharing read and write but not delete), as the Assent app does with
 * its database while it runs. Built with mingw by tests/windows/cli.sh and run
 * under Wine, so a restore can be tried while "another program" has the
 * database open.
 *
 *   holdopen.exe PATH     prints "holding PATH" once the file is open, then
 *                         sleeps until it is killed (exit 1 if it cannot open). */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: holdopen PATH\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdopen: cannot open the file (error %lu)\n",
                GetLastError());
        return 1;
    }
    char path[4 * MAX_PATH];
    if (!WideCharToMultiByte(CP_UTF8, 0, argv[1], -1, path, sizeof path, NULL, NULL))
        path[0] = '\0';
    printf("holding %s\n", path);
    fflush(stdout);
    for (;;)
        Sleep(INFINITE);
}
