//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DEPS eu.agno3.jcifs:jcifs-ng:2.1.10
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS net.java.dev.jna:jna-platform:5.19.1
//DEPS com.fasterxml.jackson.jr:jackson-jr-objects:2.20.0
//DEPS org.apache.commons:commons-csv:1.14.1
//DEPS org.webjars.npm:chart.js:4.5.1
//DEPS me.tongfei:progressbar:0.10.2
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES Failure.java
//SOURCES Runbook.java
//SOURCES SmbkitException.java
//SOURCES access/AnonymousProbe.java
//SOURCES access/HostScan.java
//SOURCES access/LocalServers.java
//SOURCES access/Registry.java
//SOURCES access/RemoteRegistry.java
//SOURCES access/RemoteServer.java
//SOURCES access/ServerAccess.java
//SOURCES access/SessionFilter.java
//SOURCES access/SnapshotCollector.java
//SOURCES access/samba/LocalSamba.java
//SOURCES access/samba/SambaRegistry.java
//SOURCES access/samba/SambaTools.java
//SOURCES access/samba/SmbstatusParser.java
//SOURCES access/samba/TestparmParser.java
//SOURCES access/windows/AdvApi.java
//SOURCES access/windows/NativeLayout.java
//SOURCES access/windows/NativeStructs.java
//SOURCES access/windows/NetApi.java
//SOURCES access/windows/WindowsFailures.java
//SOURCES access/windows/WindowsRegistry.java
//SOURCES access/windows/WindowsServer.java
//SOURCES change/AnonymousRestriction.java
//SOURCES change/ChangeJournal.java
//SOURCES change/CloseRecord.java
//SOURCES change/PrinterShares.java
//SOURCES change/Records.java
//SOURCES change/RegFile.java
//SOURCES change/SessionCloser.java
//SOURCES cli/AuthFile.java
//SOURCES cli/Cli.java
//SOURCES cli/Hosts.java
//SOURCES cli/OutputOptions.java
//SOURCES cli/TargetOptions.java
//SOURCES cli/UserSpec.java
//SOURCES cli/VerbosityOptions.java
//SOURCES io/BackupSeal.java
//SOURCES io/SafeFiles.java
//SOURCES kb/AnonymousSetting.java
//SOURCES kb/ClientActivity.java
//SOURCES kb/ClosePlan.java
//SOURCES kb/CloseTarget.java
//SOURCES kb/Diagnosis.java
//SOURCES kb/Finding.java
//SOURCES kb/HostDiagnosis.java
//SOURCES kb/NullClient.java
//SOURCES kb/NullSessionAnalysis.java
//SOURCES kb/NullSessionVerdict.java
//SOURCES kb/Persistence.java
//SOURCES kb/Platforms.java
//SOURCES kb/Sample.java
//SOURCES kb/SessionCount.java
//SOURCES kb/SessionKinds.java
//SOURCES kb/SessionLimit.java
//SOURCES kb/TrackedSession.java
//SOURCES model/Connection.java
//SOURCES model/OpenFile.java
//SOURCES model/RegistryValue.java
//SOURCES model/ServerInfo.java
//SOURCES model/Session.java
//SOURCES model/SessionKind.java
//SOURCES model/SessionListing.java
//SOURCES model/Share.java
//SOURCES model/Snapshot.java
//SOURCES render/AnonymousView.java
//SOURCES render/CloseView.java
//SOURCES render/Column.java
//SOURCES render/Columns.java
//SOURCES render/DiagnosisView.java
//SOURCES render/Format.java
//SOURCES render/HtmlReport.java
//SOURCES render/NullSessionsView.java
//SOURCES render/OpenPipesViews.java
//SOURCES render/PrinterSharesView.java
//SOURCES render/Renderer.java
//SOURCES render/SecurityDescriptors.java
//SOURCES render/SessionsView.java
//SOURCES render/SnapshotJson.java
//SOURCES render/TableData.java
//SOURCES rpc/Credentials.java
//SOURCES rpc/RpcCall.java
//SOURCES rpc/RpcPipe.java
//SOURCES rpc/RpcTransport.java
//SOURCES rpc/SmbConnection.java
//SOURCES rpc/SmbErrors.java
//SOURCES rpc/Target.java
//SOURCES rpc/Win32.java
//SOURCES rpc/ndr/BoundedNdrBuffer.java
//SOURCES rpc/ndr/InfoContainer.java
//SOURCES rpc/ndr/Layout.java
//SOURCES rpc/ndr/MalformedReplyException.java
//SOURCES rpc/ndr/NdrParams.java
//SOURCES rpc/ndr/NdrStruct.java
//SOURCES rpc/srvsvc/EnumCall.java
//SOURCES rpc/srvsvc/FileCloseCall.java
//SOURCES rpc/srvsvc/InfoLevels.java
//SOURCES rpc/srvsvc/ServerGetInfoCall.java
//SOURCES rpc/srvsvc/SessionDelCall.java
//SOURCES rpc/srvsvc/ShareAddCall.java
//SOURCES rpc/srvsvc/ShareDelCall.java
//SOURCES rpc/srvsvc/ShareGetInfoCall.java
//SOURCES rpc/srvsvc/Srvsvc.java
//SOURCES rpc/srvsvc/SrvsvcClient.java
//SOURCES rpc/srvsvc/SrvsvcModels.java
//SOURCES rpc/srvsvc/UnionReply.java
//SOURCES rpc/winreg/CloseKeyCall.java
//SOURCES rpc/winreg/CreateKeyCall.java
//SOURCES rpc/winreg/DeleteKeyCall.java
//SOURCES rpc/winreg/DeleteValueCall.java
//SOURCES rpc/winreg/EnumKeyCall.java
//SOURCES rpc/winreg/EnumValueCall.java
//SOURCES rpc/winreg/OpenKeyCall.java
//SOURCES rpc/winreg/OpenLocalMachineCall.java
//SOURCES rpc/winreg/QueryValueCall.java
//SOURCES rpc/winreg/SetValueCall.java
//SOURCES rpc/winreg/Winreg.java
//SOURCES rpc/winreg/WinregClient.java
//SOURCES rpc/winreg/WinregNdr.java
package smbkit;

/**
 * The smbkit library's entry file. Every script includes this one file with {@code //SOURCES}; JBang then
 * pulls in the files listed above (one by one: globs fail when a script runs from a URL) and merges their
 * dependencies. The dependency versions here are the only ones: tests/pom.xml is checked against them.
 */
public final class SmbKit {

    private SmbKit() {}

    public static final String VERSION = "0.1.0";
}
