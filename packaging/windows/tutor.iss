; Inno Setup 6 script of Tutor's Windows installer (per user: no administrator rights needed).
; Build it after `python packaging\build.py` on Windows, from the repository's root:
;   iscc /DAppVersion=0.1.0 packaging\windows\tutor.iss
; (build.py runs this itself when iscc is on PATH, with the package's version). The installer is
; output\tutor-app-<version>-setup.exe. IT pushes it silently with:
;   tutor-app-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Upgrades install over the old version (same AppId); the profile and its data live in the user's
; %LOCALAPPDATA%\Tutor folder, which neither an upgrade nor the uninstaller touches.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\tutor.iss
#endif
#define AppName "Tutor"
#define AppExe "tutor-app.exe"
#define BuildDir "..\..\dist\tutor-app"

[Setup]
AppId={{6F4C2B8E-3D71-4E5A-9C1B-2A7D9E0F4B36}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Regione Lombardia
AppPublisherURL=https://github.com/regione-lombardia/tutor
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Tutor setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
LicenseFile=..\..\LICENSE
SetupIconFile=tutor.ico
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\..\output
OutputBaseFilename=tutor-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "..\..\CHANGELOG.md"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; An upgrade removes the previous build's files first, so no stale module of an old version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; .tutorbundle opens in Tutor (HKA: the current user's classes for a per-user install).
Root: HKA; Subkey: "Software\Classes\.tutorbundle"; ValueType: string; ValueName: ""; ValueData: "Tutor.Bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Tutor.Bundle"; ValueType: string; ValueName: ""; ValueData: "Tutor offline bundle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Tutor.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Tutor.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open-bundle ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
