; Inno Setup 6 script for Helder: a per-user install that needs no administrator rights.
; build_installer.py calls: iscc /DAppVersion=<version> /DSourceDir=<dist\Helder> /DOutputDir=<dist> packaging\helder.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\Helder"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; The AppId never changes: a new version upgrades the installed one in place.
AppId={{8E0F3C52-6D7B-4B7E-9C1A-5A2F4E7D1B90}
AppName=Helder
AppVersion={#AppVersion}
AppPublisher=Helder
AppComments=Dossiers, termijnen en brieven voor schuldhulpverlening
DefaultDirName={localappdata}\Programs\Helder
DefaultGroupName=Helder
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#OutputDir}
OutputBaseFilename=HelderSetup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayName=Helder {#AppVersion}
UninstallDisplayIcon={app}\Helder.exe
CloseApplications=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "Maak een snelkoppeling op het bureaublad"; GroupDescription: "Snelkoppelingen:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Remove files of an older version; the user's data lives elsewhere (%LOCALAPPDATA%\Helder).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Helder"; Filename: "{app}\Helder.exe"
Name: "{group}\Helder verwijderen"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Helder"; Filename: "{app}\Helder.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Helder.exe"; Description: "Helder nu starten"; Flags: nowait postinstall skipifsilent

[Code]
// The uninstaller keeps the dossiers, backups and key file unless the user explicitly asks.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\Helder');
    if DirExists(DataDir) then
      if MsgBox('Wilt u ook alle gegevens van Helder verwijderen (dossiers, reservekopieën en sleutels)?' + #13#10 +
                'Dit kan niet ongedaan worden gemaakt. Kies Nee om de gegevens te bewaren.',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
