; Inno Setup 6 script: the Windows installer for Học Vụ Số.
;
; UNTESTED: this project is built and tested on Linux only; nothing here has been run on
; Windows yet. See docs/packaging.md ("Windows") for the steps and what to check.
;
; Build the one-folder app first (dist\hocvu\hocvu.exe, from the repository root):
;     py -3.11 -m venv build\packaging-venv
;     build\packaging-venv\Scripts\python -m pip install ".[desktop,packaging]"
;     build\packaging-venv\Scripts\python packaging\stage.py
;     build\packaging-venv\Scripts\pyinstaller --noconfirm packaging\hocvu.spec
; then compile this script (Unicode Inno Setup 6.2 or newer):
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\hocvu.iss
; The installer lands in dist\ as hocvu-VERSION-windows-x64-setup.exe.
;
; Installs per user by default (no administrator rights: %LOCALAPPDATA%\Programs\HocVuSo);
; an administrator can pick "for all users" in the first dialog or with /ALLUSERS.
; Learners' profiles live in %APPDATA%\HocVuSo and are kept on uninstall.
;
; The file is UTF-8 with a byte-order mark, which Inno Setup needs to read the Vietnamese.
;
; Languages: English (Inno's own) and Vietnamese. Inno Setup does not ship a Vietnamese
; translation: it is an unofficial, user-contributed file (Vietnamese.isl, from the
; translations page of the Inno Setup web site). Put it beside this script; without it the
; installer is built in English only, and the compiler says so.

#define AppExe "hocvu.exe"
#define DistDir AddBackslash(SourcePath) + "..\..\dist\hocvu"
#define StageDir AddBackslash(SourcePath) + "..\..\build\packaging-stage"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(DistDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error dist\hocvu\hocvu.exe is missing or has no version: build it with pyinstaller first
#endif
#define FlavourFile FileOpen(DistDir + "\BUNDLE-FLAVOUR")
#define Flavour Trim(FileRead(FlavourFile))
#expr FileClose(FlavourFile)
#if Flavour == "production"
  #define Suffix ""
#else
  #define Suffix "-development"
#endif

[Setup]
; The AppId identifies the app across versions: never change it.
AppId={{7F2A3CFB-E8BD-44B4-AAE2-6ACF29CCE174}
AppName=Học Vụ Số
AppVersion={#AppVersion}
AppVerName=Học Vụ Số {#AppVersion}
AppPublisher=Ministry of Foreign Affairs
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\HocVuSo
DefaultGroupName=Học Vụ Số
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=hocvu-{#AppVersion}{#Suffix}-windows-x64-setup
SetupIconFile={#StageDir}\hocvu.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Học Vụ Số
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vietnamese"; MessagesFile: "Vietnamese.isl"
#else
  #pragma message "Vietnamese.isl is not beside hocvu.iss: this installer speaks English only"
#endif

[CustomMessages]
english.StartApp=Start Học Vụ Số
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
vietnamese.StartApp=Mở Học Vụ Số
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build. The development trust root is in it only for a development
; build; packaging\verify_bundle.py checks that before this script should run.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundled code and resources wholesale: stale Qt plugins or
; Python modules from an older version must not linger beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Học Vụ Số"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\Học Vụ Số"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartApp}"; Flags: nowait postinstall skipifsilent
