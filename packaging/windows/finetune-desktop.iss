; Inno Setup 6 script: the Windows setup program for Finetune Desktop.
; Built by packaging/windows/build.ps1, which first makes the PyInstaller folder; by hand:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\finetune-desktop /DIconFile=..\..\build\icons\finetune-desktop.ico finetune-desktop.iss
; Output: dist\finetune-desktop-<version>-windows-x64-setup.exe (Start-menu entry, optional desktop
; icon, uninstaller in Settings > Apps). Per-user install by default (no administrator needed); the
; setup offers "all users" when run as administrator.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\finetune-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\finetune-desktop.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; Never change AppId: Windows uses it to find the installed version to upgrade or uninstall.
AppId={{5B0E7C64-3F0A-4E55-9C1B-6E2F6B0F4D21}
AppName=Finetune Desktop
AppVersion={#AppVersion}
AppVerName=Finetune Desktop {#AppVersion}
AppPublisher=Finetune Desktop developers
DefaultDirName={autopf}\Finetune Desktop
DefaultGroupName=Finetune Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=finetune-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\finetune-desktop.exe
UninstallDisplayName=Finetune Desktop {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ChangesAssociations=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Simplified Chinese only in some versions; use it where this compiler has it.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: finetune-desktop.exe (the app), finetune-desktop-cli.exe (the commands,
; --version, --self-test) and _internal\ (Python, Qt, the catalog, the sample, the tokenizer vocabularies).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries completely: no file of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Finetune Desktop"; Filename: "{app}\finetune-desktop.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,Finetune Desktop}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Finetune Desktop"; Filename: "{app}\finetune-desktop.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\finetune-desktop.exe"; Description: "{cm:LaunchProgram,Finetune Desktop}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program folder only. The user's datasets (Documents\Finetune Desktop),
; settings and logs (%LOCALAPPDATA%\FinetuneDesktop) and keys (Windows Credential Manager) stay.
