; Baton's additions to the NSIS installer (electron-builder `nsis.include`).
;
; Install, silent, for all users, with the location's settings:
;   Baton-Setup.exe /S /SERVER=https://baton.clinic.local:8787 /LOCATION=loc-main
; writes %ProgramData%\Baton\baton-workstation.json (version 1, serverUrl, locationId) when both
; are given and no file is there yet: a reinstall or update never overwrites an enrolled file.
; The app validates the file at start (a wrong address shows the setup screen, never the app).
;
; Uninstall, removing every local replica, key and setting of every user and the workstation file:
;   "%ProgramFiles%\Baton\Uninstall Baton.exe" /S /PURGE
; Without /PURGE (and during updates) the data stays.
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SERVER=" $R1
  ${IfNot} ${Errors}
    ClearErrors
    ${GetOptions} $R0 "/LOCATION=" $R2
    ${IfNot} ${Errors}
      ReadEnvStr $R4 ProgramData
      ${IfNot} ${FileExists} "$R4\Baton\baton-workstation.json"
        CreateDirectory "$R4\Baton"
        FileOpen $R3 "$R4\Baton\baton-workstation.json" w
        FileWrite $R3 '{$\r$\n  "version": 1,$\r$\n  "serverUrl": "$R1",$\r$\n  "locationId": "$R2"$\r$\n}$\r$\n'
        FileClose $R3
      ${EndIf}
    ${EndIf}
  ${EndIf}
!macroend

!macro customUnInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    ReadEnvStr $R4 ProgramData
    RMDir /r "$R4\Baton"
    ; Each user's profile: replicas (IndexedDB), OS-encrypted keys, settings and logs.
    FindFirst $R5 $R6 "$PROFILE\..\*.*"
    ${DoWhile} $R6 != ""
      ${If} ${FileExists} "$PROFILE\..\$R6\AppData\Roaming\Baton\*.*"
        RMDir /r "$PROFILE\..\$R6\AppData\Roaming\Baton"
      ${EndIf}
      FindNext $R5 $R6
    ${Loop}
    FindClose $R5
  ${EndIf}
!macroend
