; Inno Setup 6 script: a per-user installer for the one-folder package. No administrator rights:
; it installs into %LOCALAPPDATA%\Programs\Almaty Process Tracker, adds a Start-menu entry for the
; current user only, and its uninstaller leaves the user's workspaces (kept in the per-user data
; folder, never under the program's folder) in place.
;
; Build the package first, then compile this script on Windows:
;   pyinstaller --noconfirm pyinstaller.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" installer\AlmatyProcessTracker.iss
; The installer lands in dist\installer\. .github/workflows/package.yml does both steps.

#define AppName "Almaty Process Tracker"
#define AppExe "AlmatyProcessTracker.exe"
#define BuildDir AddBackslash(SourcePath) + "..\dist\AlmatyProcessTracker"
; The version is read from the executable's version resource, which pyinstaller.spec writes from
; app.__version__: the one place it is kept.
#define AppVersion GetStringFileInfo(BuildDir + "\" + AppExe, "ProductVersion")
#define AppVersionNumbers GetVersionNumbersString(BuildDir + "\" + AppExe)
#if AppVersion == ""
  #error Build the package first: no version resource found in dist\AlmatyProcessTracker\AlmatyProcessTracker.exe
#endif

[Setup]
AppId={{3EEF93F7-B6AF-49E8-A21E-AF053E21734B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Almaty Process
VersionInfoVersion={#AppVersionNumbers}
; Non administrative install mode: no UAC prompt, even for members of Administrators.
PrivilegesRequired=lowest
; {userpf} is %LOCALAPPDATA%\Programs, the per-user Program Files folder.
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\resources\icons\app.ico
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir=..\dist\installer
OutputBaseFilename=AlmatyProcessTracker-{#AppVersion}-setup

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "tr"; MessagesFile: "compiler:Languages\Turkish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
