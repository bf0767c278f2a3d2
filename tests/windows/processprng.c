/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8.0
 * lacks. Rust's standard library asks it for random bytes (ProcessPrng);
 * this forwards to advapi32's RtlGenRandom (SystemFunction036), which Wine
 * has. Real Windows 10 and 11 ship the genuine DLL: this one is never
 * packaged, only copied into a throwaway Wine prefix by tests/windows/lib.sh. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
