; Assent for Windows: the setup program.
;
; Built with Debian's makensis (3.08), its own include files and plugins only:
;
;   makensis -V2 -DVERSION=0.1.0 -DAPP_EXE=... -DCLI_EXE=... -DLOADER_DLL=... \
;     -DICON=.../assets/icons/icon.ico -DLICENCE=.../licence.txt \
;     -DOUTFILE=.../Assent-0.1.0-setup.exe packaging/windows/assent.nsi
;
; Optional: -DCOMPRESSOR=zlib for a quicker build (tests); the default is
; solid LZMA.
;
; What it installs (per machine, 64-bit):
;   $PROGRAMFILES64\Assent\Assent.exe            the app (APP_EXE)
;   $PROGRAMFILES64\Assent\WebView2Loader.dll    beside the app
;   $PROGRAMFILES64\Assent\bin\assent.exe        the command-line tool (CLI_EXE),
;                                                in its own folder because Windows
;                                                file names ignore case
;   Assent.ico, Licence.txt, Readme.txt, install.log, Uninstall.exe
;
; Command line (besides NSIS's own /S and /D=folder):
;   /ALLUSERS              one shared database for everyone, in %PROGRAMDATA%\Assent
;   /USERSGROUP=<group>    the group allowed to use that shared folder
;                          (default *S-1-5-32-545, the built-in Users group)
;   /DESKTOPSHORTCUT       also put an Assent shortcut on the public desktop

!ifndef VERSION | APP_EXE | CLI_EXE | LOADER_DLL | ICON | LICENCE | OUTFILE
  !error "Give VERSION, APP_EXE, CLI_EXE, LOADER_DLL, ICON, LICENCE and OUTFILE with -D"
!endif

!pragma warning error all

Unicode true
Target amd64-unicode

!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
!if "${COMPRESSOR}" == "lzma"
  SetCompressor /SOLID lzma
  SetCompressorDictSize 32
!else
  SetCompressor /SOLID ${COMPRESSOR}
!endif

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

; ------------------------------------------------------------------ names

!define PRODUCT      "Assent"
!define PUBLISHER    "Assent"
!define UNINST_KEY   "Software\Microsoft\Windows\CurrentVersion\Uninstall\Assent"
!define APPPATHS_KEY "Software\Microsoft\Windows\CurrentVersion\App Paths\assent.exe"
!define PRODUCT_KEY  "Software\Assent"
!define WV2_GUID     "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WV2_URL      "https://developer.microsoft.com/microsoft-edge/webview2/"
!define MARKER       "all-users.txt"
!define USERS_SID    "*S-1-5-32-545"

; VIProductVersion needs four numbers: 0.1.0 -> 0.1.0.0 (anything after a "-"
; or "+" in VERSION is left out of it).
!searchparse /noerrors "${VERSION}" "" VER_MAJOR "." VER_MINOR "." VER_PATCH_FULL
!ifndef VER_MAJOR
  !define VER_MAJOR 0
!endif
!ifndef VER_MINOR
  !define VER_MINOR 0
!endif
!ifndef VER_PATCH_FULL
  !define VER_PATCH_FULL 0
!endif
!searchparse /noerrors "${VER_PATCH_FULL}-+" "" VER_PATCH_DASH "-"
!ifndef VER_PATCH_DASH
  !define VER_PATCH_DASH "${VER_PATCH_FULL}"
!endif
!searchparse /noerrors "${VER_PATCH_DASH}+" "" VER_PATCH "+"
!ifndef VER_PATCH
  !define VER_PATCH "${VER_PATCH_DASH}"
!endif
!define VER_FOUR "${VER_MAJOR}.${VER_MINOR}.${VER_PATCH}.0"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} Setup"
UninstallCaption "Uninstall ${PRODUCT}"
BrandingText "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Assent"
InstallDirRegKey HKLM "${PRODUCT_KEY}" "InstallDir"
RequestExecutionLevel admin
ManifestDPIAware true
ManifestSupportedOS all
ShowInstDetails show
ShowUninstDetails show
SetOverwrite on
CRCCheck on

VIProductVersion "${VER_FOUR}"
VIFileVersion "${VER_FOUR}"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "Assent ${VERSION} setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Copyright (C) Assent contributors. GNU AGPL, version 3 or later."
VIAddVersionKey /LANG=1033 "Comments" "Acceptable-use agreements and photo and video consent for a primary school."

; ------------------------------------------------------------------ state

Var Params            ; the command line after the exe's name
Var SharedDir         ; %PROGRAMDATA%\Assent, usually C:\ProgramData\Assent
Var DataShared        ; "1": one shared database in %PROGRAMDATA%\Assent
Var UsersGroup        ; who may use the shared folder
Var MarkerFound       ; "1": all-users.txt was already there
Var WebView2Version   ; "" when the runtime is missing
Var WebView2Where
Var PrevVersion
Var PrevDir
Var Log
Var FinishData
Var DataRadioUser
Var DataRadioShared
Var DataGroupLabel
Var DataGroupField
Var DataGroupNote

; ------------------------------------------------------------------ pages

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Are you sure you want to stop installing Assent?"
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Assent ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "This installs Assent on this PC for everyone who signs in to it.$\r$\n$\r$\nAssent keeps the school's acceptable-use agreements and photo and video consent without paper. The school's data stays on this computer.$\r$\n$\r$\nIf an earlier version of Assent is installed, it is replaced and its data is kept.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME

!define MUI_PAGE_HEADER_TEXT "Licence"
!define MUI_PAGE_HEADER_SUBTEXT "The terms Assent is shared under."
!define MUI_LICENSEPAGE_TEXT_TOP "Press Page Down to see the rest of the licence."
!define MUI_LICENSEPAGE_TEXT_BOTTOM "You do not need to accept this licence to use Assent. $_CLICK"
!define MUI_LICENSEPAGE_BUTTON "$(^NextBtn)"
!insertmacro MUI_PAGE_LICENSE "${LICENCE}"

Page custom WebView2PageShow

!define MUI_PAGE_HEADER_SUBTEXT "Choose the folder for Assent's program files."
!define MUI_DIRECTORYPAGE_TEXT_TOP "Assent's program files go into the folder below. The school's data is never kept here. To use a different folder, click Browse. $_CLICK"
!insertmacro MUI_PAGE_DIRECTORY

!define MUI_PAGE_HEADER_SUBTEXT "Choose the shortcuts to create."
!define MUI_COMPONENTSPAGE_TEXT_TOP "A Start menu shortcut is always created. Tick Desktop shortcut to put one on every user's desktop as well."
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_COMPONENTS

Page custom DataPageShow DataPageLeave

!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "Assent is installed"
!define MUI_FINISHPAGE_TEXT "Start Assent from the Start menu.$\r$\n$\r$\nThe assent command-line tool is in this folder:$\r$\n    $INSTDIR\bin$\r$\nScripts can run it by its full path, and Windows finds it as assent from the Run box. The PATH variable has not been changed.$\r$\n$\r$\n$FinishData$\r$\n$\r$\nWhat setup did is written in install.log in $INSTDIR."
!define MUI_FINISHPAGE_NOAUTOCLOSE
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Assent's program files, shortcuts and registry entries will be removed. The school's data is NOT removed: the database and its key file stay in %LOCALAPPDATA%\Assent (each user's own) and %PROGRAMDATA%\Assent (shared)."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; British spellings for the few stock phrases that would otherwise show.
LangString ^LicenseSubCaption ${LANG_ENGLISH} ": Licence"
LangString ^LicenseText ${LANG_ENGLISH} "Please read the licence before installing $(^NameDA)."

; ------------------------------------------------------------------ helpers

; A line in install.log (UTF-16 with a byte-order mark) and in the details list.
!macro LOG text
  DetailPrint "${text}"
  ${If} $Log != ""
    FileWriteUTF16LE $Log "${text}$\r$\n"
  ${EndIf}
!macroend
!define LOG "!insertmacro LOG"

; Leaves "1" on the stack when the file exists and cannot be opened for writing
; (a running exe), else "0".
!macro FILE_IN_USE_FN prefix
Function ${prefix}FileInUse
  Exch $0
  Push $1
  StrCpy $1 0
  ${If} ${FileExists} "$0"
    ClearErrors
    FileOpen $0 "$0" a
    ${If} ${Errors}
      StrCpy $1 1
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
  StrCpy $0 $1
  Pop $1
  Exch $0
FunctionEnd

; Stops (error level 2) while Assent runs, after asking to close it when
; there is somebody to ask.
Function ${prefix}WaitUntilClosed
  Push $0
  ${Do}
    Push "$INSTDIR\Assent.exe"
    Call ${prefix}FileInUse
    Pop $0
    ${If} $0 == 0
      Push "$INSTDIR\bin\assent.exe"
      Call ${prefix}FileInUse
      Pop $0
    ${EndIf}
    ${If} $0 == 0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Assent is open on this PC (perhaps for another user). Close Assent everywhere, then click Retry." /SD IDCANCEL IDRETRY retry
    ${LOG} "Stopped: Assent is running from $INSTDIR. Close it and run setup again."
    SetErrorLevel 2
    Quit
    retry:
  ${Loop}
  Pop $0
FunctionEnd
!macroend
!insertmacro FILE_IN_USE_FN ""
!insertmacro FILE_IN_USE_FN "un."

; The runtime's version, or "" when it is missing (checks the machine-wide
; entries, both registry views, then this user's).
Function FindWebView2
  StrCpy $WebView2Version ""
  StrCpy $WebView2Where ""
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2Version $0
    StrCpy $WebView2Where "HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WV2_GUID}"
    Return
  ${EndIf}
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2Version $0
    StrCpy $WebView2Where "HKLM\SOFTWARE\Microsoft\EdgeUpdate\Clients\${WV2_GUID}"
    Return
  ${EndIf}
  ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2Version $0
    StrCpy $WebView2Where "HKCU\Software\Microsoft\EdgeUpdate\Clients\${WV2_GUID}"
  ${EndIf}
FunctionEnd


; ------------------------------------------------------------------ custom pages

Function WebView2PageShow
  ${If} $WebView2Version != ""
    Abort
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Microsoft Edge WebView2 Runtime" "Assent needs it to show its window."
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 36u "Assent needs the Microsoft Edge WebView2 Runtime, a free part of Windows from Microsoft, to show its window. This PC does not seem to have it yet."
  Pop $0
  ${NSD_CreateLabel} 0 40u 100% 44u "Windows 11 already has it. On Windows 10, Windows Update adds it. Otherwise, install the Evergreen WebView2 Runtime from Microsoft's page below (the Evergreen Bootstrapper or the Evergreen Standalone Installer, x64), then start Assent."
  Pop $0
  ${NSD_CreateLink} 0 88u 100% 12u "developer.microsoft.com/microsoft-edge/webview2"
  Pop $0
  SetCtlColors $0 0000CC transparent
  ${NSD_OnClick} $0 WebView2OpenPage
  ${NSD_CreateLabel} 0 108u 100% 30u "Setup carries on and installs Assent now. The assent command-line tool works without the runtime."
  Pop $0
  nsDialogs::Show
FunctionEnd

Function WebView2OpenPage
  Pop $0
  ExecShell "open" "${WV2_URL}"
FunctionEnd

Function DataPageShow
  !insertmacro MUI_HEADER_TEXT "Where Assent keeps its data" "Choose who shares one Assent database on this PC."
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateRadioButton} 0 0 100% 12u "Just the person who signs in"
  Pop $DataRadioUser
  ${NSD_AddStyle} $DataRadioUser ${WS_GROUP}
  ${NSD_CreateLabel} 12u 13u -12u 18u "Each Windows user has their own data, in %LOCALAPPDATA%\Assent."
  Pop $0
  ${NSD_CreateRadioButton} 0 34u 100% 12u "Everyone who uses this PC"
  Pop $DataRadioShared
  ${NSD_CreateLabel} 12u 47u -12u 18u "One shared database in %PROGRAMDATA%\Assent, for a PC that several members of staff sign in to."
  Pop $0
  ${NSD_CreateLabel} 12u 68u -12u 10u "Windows group allowed to use the shared data:"
  Pop $DataGroupLabel
  ${NSD_CreateText} 12u 80u 60% 12u "$UsersGroup"
  Pop $DataGroupField
  ${NSD_AddStyle} $DataGroupField ${WS_GROUP}
  ${NSD_CreateLabel} 12u 95u -12u 26u "${USERS_SID} is the built-in Users group (everyone who can sign in to this PC), whatever the language of Windows. You may type another group's name instead."
  Pop $DataGroupNote
  ${NSD_CreateLabel} 0 124u 100% 18u "Setup never moves or deletes existing data, and uninstalling Assent leaves it where it is."
  Pop $0
  ${NSD_OnClick} $DataRadioUser DataPageToggle
  ${NSD_OnClick} $DataRadioShared DataPageToggle
  ${If} $DataShared == 1
    ${NSD_Check} $DataRadioShared
  ${Else}
    ${NSD_Check} $DataRadioUser
  ${EndIf}
  Call DataPageEnable
  nsDialogs::Show
FunctionEnd

Function DataPageToggle
  Pop $0
  Call DataPageEnable
FunctionEnd

Function DataPageEnable
  ${NSD_GetState} $DataRadioShared $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $1 1
  ${Else}
    StrCpy $1 0
  ${EndIf}
  EnableWindow $DataGroupLabel $1
  EnableWindow $DataGroupField $1
  EnableWindow $DataGroupNote $1
FunctionEnd

Function DataPageLeave
  ${NSD_GetState} $DataRadioShared $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $DataShared 1
    ${NSD_GetText} $DataGroupField $0
    ${If} $0 == ""
      StrCpy $0 "${USERS_SID}"
    ${EndIf}
    StrCpy $UsersGroup $0
  ${Else}
    StrCpy $DataShared 0
  ${EndIf}
FunctionEnd

; ------------------------------------------------------------------ install

Section "Assent (required)" SecMain
  SectionIn RO
  SetShellVarContext all
  SetRegView 64

  ; Installing into another folder than last time: take the old copy away first
  ; (its uninstaller leaves all data alone).
  ${If} $PrevDir != ""
  ${AndIf} $PrevDir != $INSTDIR
  ${AndIf} ${FileExists} "$PrevDir\Uninstall.exe"
    ExecWait '"$PrevDir\Uninstall.exe" /S _?=$PrevDir'
    Delete "$PrevDir\Uninstall.exe"
    RMDir "$PrevDir"
  ${EndIf}

  CreateDirectory "$INSTDIR"
  ClearErrors
  FileOpen $Log "$INSTDIR\install.log" w
  ${If} ${Errors}
    StrCpy $Log ""
  ${Else}
    FileWriteUTF16LE /BOM $Log ""
  ${EndIf}

  ${GetTime} "" "L" $0 $1 $2 $3 $4 $5 $6
  ${LOG} "Assent ${VERSION} setup, $2-$1-$0 $4:$5:$6"
  ${If} ${Silent}
    ${LOG} "Mode: silent (/S)"
  ${Else}
    ${LOG} "Mode: interactive"
  ${EndIf}
  ${LOG} "Command line: $Params"
  ${If} $PrevVersion != ""
    ${LOG} "Replacing version: $PrevVersion (its data is kept)"
  ${Else}
    ${LOG} "Replacing version: none, new installation"
  ${EndIf}
  ${LOG} "Program folder: $INSTDIR"
  ${LOG} "The app: $INSTDIR\Assent.exe"
  ${LOG} "Command-line tool folder: $INSTDIR\bin (assent.exe, registered under App Paths; PATH not changed)"

  Call WaitUntilClosed

  SetOutPath "$INSTDIR"
  File "/oname=Assent.exe" "${APP_EXE}"
  File "/oname=WebView2Loader.dll" "${LOADER_DLL}"
  File "/oname=Assent.ico" "${ICON}"
  File "/oname=Licence.txt" "${LICENCE}"
  File "/oname=Readme.txt" "readme.txt"
  SetOutPath "$INSTDIR\bin"
  File "/oname=assent.exe" "${CLI_EXE}"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; Shortcuts for all users. The desktop one comes from its own section.
  CreateShortcut "$SMPROGRAMS\Assent.lnk" "$INSTDIR\Assent.exe" "" "$INSTDIR\Assent.ico" 0 SW_SHOWNORMAL "" "Acceptable-use agreements and photo consent"
  ${LOG} "Start menu shortcut: $SMPROGRAMS\Assent.lnk"
  Delete "$DESKTOP\Assent.lnk"

  ; Apps & features.
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "Assent"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\Assent.exe,0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegStr HKLM "${UNINST_KEY}" "Comments" "Acceptable-use agreements and photo and video consent"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallDate" "$2$1$0"
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"

  ; `assent` from the Run box and `start assent`, without touching PATH.
  WriteRegStr HKLM "${APPPATHS_KEY}" "" "$INSTDIR\bin\assent.exe"
  WriteRegStr HKLM "${APPPATHS_KEY}" "Path" "$INSTDIR\bin"

  WriteRegStr HKLM "${PRODUCT_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${PRODUCT_KEY}" "InstallDir" "$INSTDIR"
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\Assent.lnk" "$INSTDIR\Assent.exe" "" "$INSTDIR\Assent.ico" 0 SW_SHOWNORMAL "" "Acceptable-use agreements and photo consent"
  ${LOG} "Desktop shortcut: $DESKTOP\Assent.lnk"
SectionEnd

Section "-Data location and checks" SecData
  SetShellVarContext all
  SetRegView 64
  ${IfNot} ${SectionIsSelected} ${SecDesktop}
    ${LOG} "Desktop shortcut: none"
  ${EndIf}

  ${If} $DataShared == 1
    Call SharedData
    StrCpy $FinishData "Everyone who uses this PC shares one database, in $SharedDir, while the file ${MARKER} is there."
  ${Else}
    WriteRegStr HKLM "${PRODUCT_KEY}" "DataLocation" "per-user"
    DeleteRegValue HKLM "${PRODUCT_KEY}" "SharedDataGroup"
    ${If} $MarkerFound == 1
      ${LOG} "Data location: shared, already chosen on this PC: $SharedDir\${MARKER} exists, so Assent keeps one shared database in $SharedDir (left unchanged; delete that file to go back to each user's own data)"
      StrCpy $FinishData "This PC already keeps one shared database in $SharedDir, because the file ${MARKER} is there. Delete that file to go back to each user's own data."
      WriteRegStr HKLM "${PRODUCT_KEY}" "DataLocation" "all-users"
    ${Else}
      ${LOG} "Data location: each Windows user's own data, in %LOCALAPPDATA%\Assent"
      StrCpy $FinishData "Each Windows user has their own Assent data, in %LOCALAPPDATA%\Assent."
    ${EndIf}
  ${EndIf}

  ${If} $WebView2Version != ""
    ${LOG} "Microsoft Edge WebView2 Runtime: found, version $WebView2Version ($WebView2Where)"
  ${Else}
    ${LOG} "Microsoft Edge WebView2 Runtime: not found (no usable pv value under EdgeUpdate\Clients\${WV2_GUID} in HKLM or HKCU). Assent's window needs it: Windows 11 has it, Windows Update adds it to Windows 10, or install the Evergreen runtime from ${WV2_URL}, then start Assent. The command-line tool works without it."
    StrCpy $FinishData "$FinishData$\r$\n$\r$\nThe Microsoft Edge WebView2 Runtime was not found: install it before starting Assent (see install.log)."
  ${EndIf}

  ${LOG} "Finished."
  ${If} $Log != ""
    FileClose $Log
    StrCpy $Log ""
  ${EndIf}
SectionEnd

; The value of /USERSGROUP= into $0 ("" when absent), also when the whole
; option is in quotes: "/USERSGROUP=Domain Users".
Function QuotedUsersGroup
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  StrCpy $0 ""
  StrLen $5 $Params
  StrCpy $1 0
  ${DoWhile} $1 < $5
    StrCpy $2 $Params 12 $1
    ${If} $2 == "/USERSGROUP="
      StrCpy $4 " "
      ${If} $1 > 0
        IntOp $3 $1 - 1
        StrCpy $3 $Params 1 $3
        ${If} $3 == '"'
          StrCpy $4 '"'
        ${EndIf}
      ${EndIf}
      IntOp $1 $1 + 12
      StrCpy $2 $Params 1 $1
      ${If} $2 == '"'
        StrCpy $4 '"'
        IntOp $1 $1 + 1
      ${EndIf}
      StrCpy $3 $1
      ${Do}
        StrCpy $2 $Params 1 $3
        ${If} $2 == ""
        ${OrIf} $2 == $4
          ${ExitDo}
        ${EndIf}
        IntOp $3 $3 + 1
      ${Loop}
      IntOp $3 $3 - $1
      StrCpy $0 $Params $3 $1
      ${ExitDo}
    ${EndIf}
    IntOp $1 $1 + 1
  ${Loop}
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
FunctionEnd

Function .onInit
  SetShellVarContext all
  SetRegView 64
  ; With the all-users context, $APPDATA is the common application data
  ; folder (%PROGRAMDATA%).
  StrCpy $SharedDir "$APPDATA\Assent"

  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_OK|MB_ICONSTOP "Assent is installed for everyone on this PC, so setup needs an administrator. Sign in as an administrator (or choose Run as administrator), then run setup again." /SD IDOK
    SetErrorLevel 740
    Quit
  ${EndIf}

  ${GetParameters} $Params
  StrCpy $DataShared 0
  ClearErrors
  ${GetOptions} $Params "/ALLUSERS" $0
  ${IfNot} ${Errors}
    StrCpy $DataShared 1
  ${EndIf}
  StrCpy $UsersGroup "${USERS_SID}"
  ClearErrors
  ${GetOptions} $Params "/USERSGROUP=" $0
  ${If} ${Errors}
  ${OrIf} $0 == ""
    ; "/USERSGROUP=Domain Users" quoted as a whole, as some shells pass it.
    Call QuotedUsersGroup
  ${EndIf}
  ${If} $0 != ""
    StrCpy $UsersGroup $0
  ${EndIf}
  ClearErrors
  ${GetOptions} $Params "/DESKTOPSHORTCUT" $0
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecDesktop}
  ${EndIf}

  StrCpy $MarkerFound 0
  ${If} ${FileExists} "$SharedDir\${MARKER}"
    StrCpy $MarkerFound 1
    ; Offer the choice already made on this PC.
    ${IfNot} ${Silent}
      StrCpy $DataShared 1
    ${EndIf}
  ${EndIf}

  ReadRegStr $PrevVersion HKLM "${PRODUCT_KEY}" "Version"
  ReadRegStr $PrevDir HKLM "${PRODUCT_KEY}" "InstallDir"
  ${If} $PrevDir == ""
    ReadRegStr $PrevDir HKLM "${UNINST_KEY}" "InstallLocation"
  ${EndIf}

  Call FindWebView2
FunctionEnd

; One shared database for everyone: the folder, the marker file the app
; looks for, and permissions for administrators, SYSTEM and the chosen group.
Function SharedData
  StrCpy $R9 $SharedDir
  CreateDirectory "$R9"
  ClearErrors
  FileOpen $0 "$R9\${MARKER}" w
  ${If} ${Errors}
    ${LOG} "Data location: shared, but $R9\${MARKER} could not be written"
  ${Else}
    FileWrite $0 "While this file exists, Assent on this PC keeps one shared database in this folder$\r$\n"
    FileWrite $0 "($R9) for everyone who signs in to Windows, instead of each user's own$\r$\n"
    FileWrite $0 "data in %LOCALAPPDATA%\Assent.$\r$\n$\r$\n"
    FileWrite $0 "Delete this file to go back to each user's own data. The shared database$\r$\n"
    FileWrite $0 "(assent.db and its key file, assent.db.keys) stays here until you move or$\r$\n"
    FileWrite $0 "delete it yourself. Uninstalling Assent does not delete this folder.$\r$\n"
    FileClose $0
    ${LOG} "Data location: shared by everyone who uses this PC: $R9 (marker $R9\${MARKER})"
  ${EndIf}
  WriteRegStr HKLM "${PRODUCT_KEY}" "DataLocation" "all-users"
  WriteRegStr HKLM "${PRODUCT_KEY}" "SharedDataGroup" "$UsersGroup"

  ; Administrators and SYSTEM: full control; the group: modify. Nothing inherited
  ; from ProgramData. A missing or limited icacls must not stop the installation.
  nsExec::ExecToStack '"$SYSDIR\icacls.exe" "$R9" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F "$UsersGroup":(OI)(CI)M'
  Pop $0
  Pop $1
  ${LOG} "Folder permissions (icacls, group $UsersGroup): exit $0: $1"
  ${If} $0 == 0
    ; The group may read the marker but not delete it, so nobody splits the
    ; data by accident.
    nsExec::ExecToStack '"$SYSDIR\icacls.exe" "$R9\${MARKER}" /inheritance:r /grant:r *S-1-5-32-544:F *S-1-5-18:F "$UsersGroup":RX'
    Pop $0
    Pop $1
    ${LOG} "Marker permissions (icacls): exit $0: $1"
  ${Else}
    MessageBox MB_OK|MB_ICONEXCLAMATION "Setup could not set the permissions of $R9 for the group $UsersGroup (icacls: $0). Assent is installed; check that the group exists, then set the folder's permissions by hand. The details are in $INSTDIR\install.log." /SD IDOK
  ${EndIf}
FunctionEnd

; ------------------------------------------------------------------ uninstall

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  StrCpy $SharedDir "$APPDATA\Assent"
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_OK|MB_ICONSTOP "Removing Assent needs an administrator. Sign in as an administrator, then try again." /SD IDOK
    SetErrorLevel 740
    Quit
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  SetRegView 64
  StrCpy $Log ""
  Call un.WaitUntilClosed

  Delete "$SMPROGRAMS\Assent.lnk"
  Delete "$DESKTOP\Assent.lnk"

  Delete "$INSTDIR\Assent.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\Assent.ico"
  Delete "$INSTDIR\Licence.txt"
  Delete "$INSTDIR\Readme.txt"
  Delete "$INSTDIR\install.log"
  Delete "$INSTDIR\bin\assent.exe"
  RMDir "$INSTDIR\bin"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${APPPATHS_KEY}"
  DeleteRegKey HKLM "${PRODUCT_KEY}"

  DetailPrint "The school's data has been left in place: %LOCALAPPDATA%\Assent for each user, and $SharedDir if it was shared."
  DetailPrint "To remove the data as well, delete those folders yourself, after making a backup."
SectionEnd
