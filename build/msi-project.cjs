// electron-builder `msiProjectCreated` hook: Baton's additions to the MSI's WiX project.
//
// Install for Group Policy / Intune with the location's settings (public properties):
//   msiexec /i Baton-1.4.0-latest-x64.msi /qn SERVER=https://baton.clinic.local:8787 LOCATION=loc-north
// After the files are installed, the MSI runs `Baton.exe --install-config --server=… --location=…`
// (as the installing system account), which writes %ProgramData%\Baton\baton-workstation.json
// when both are given and no file is there yet (a reinstall or upgrade never overwrites an
// enrolled file), exactly as the NSIS installer's /SERVER= /LOCATION= do. A wrong value (plain
// http:// to another machine, a malformed location id) makes the command exit 1, and the install
// fails and rolls back (msiexec 1603) instead of leaving an app that cannot start.
// It also marks the install as an MSI one (HKLM\Software\Baton InstalledBy=msi), so the app leaves
// its updates to the endpoint manager (electron-updater does not update MSI installs).
'use strict';
const fs = require('node:fs');

/** A fixed component GUID: the marker is one component across every release (MSI component rules). */
const MARKER_COMPONENT_GUID = '0B7E4C55-3F1D-4A57-9A0B-6C0F2E9D8B14';

const PROPERTIES = `
    <!-- Baton: install-time location settings (public, passed to the deferred install step). -->
    <Property Id="SERVER" Secure="yes"/>
    <Property Id="LOCATION" Secure="yes"/>
    <CustomAction Id="BatonWriteWorkstationFile" FileKey="mainExecutable" ExeCommand="--install-config --server=&quot;[SERVER]&quot; --location=&quot;[LOCATION]&quot;" Execute="deferred" Impersonate="no" Return="check"/>
`;
const SEQUENCE_ENTRY = `<Custom Action="BatonWriteWorkstationFile" Before="InstallFinalize">NOT REMOVE AND SERVER AND LOCATION</Custom>`;
const MARKER_COMPONENT = `
      <Component Id="BatonInstalledByMsi" Guid="${MARKER_COMPONENT_GUID}">
        <RegistryValue Root="HKLM" Key="Software\\Baton" Name="InstalledBy" Type="string" Value="msi" KeyPath="yes"/>
      </Component>
`;

/** The project with Baton's parts added; throws when the template no longer has what they hook into. */
function addBatonMsiParts(wxs) {
  if (wxs.includes('BatonWriteWorkstationFile')) throw new Error('msi-project: Baton parts are in the project already');
  for (const needed of ['</Product>', 'Id="mainExecutable"', '<ComponentGroup Id="ProductComponents"']) {
    if (!wxs.includes(needed)) throw new Error(`msi-project: electron-builder's WiX template changed (no ${needed})`);
  }
  let out = wxs.replace('</Product>', `${PROPERTIES}</Product>`);
  // The template has a sequence of its own only with runAfterFinish; one sequence element either way.
  out = out.includes('<InstallExecuteSequence>')
    ? out.replace('<InstallExecuteSequence>', `<InstallExecuteSequence>\n      ${SEQUENCE_ENTRY}`)
    : out.replace('</Product>', `    <InstallExecuteSequence>\n      ${SEQUENCE_ENTRY}\n    </InstallExecuteSequence>\n  </Product>`);
  const group = out.indexOf('<ComponentGroup Id="ProductComponents"');
  const end = out.indexOf('</ComponentGroup>', group);
  return out.slice(0, end) + MARKER_COMPONENT + out.slice(end);
}

async function msiProjectCreated(projectFile) {
  fs.writeFileSync(projectFile, addBatonMsiParts(fs.readFileSync(projectFile, 'utf8')));
}

module.exports = { msiProjectCreated, addBatonMsiParts };
