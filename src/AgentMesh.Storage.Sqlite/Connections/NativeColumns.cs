using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>
/// SQLite's column getters called straight into the bundled library, for <see cref="DirectRows"/>. Through
/// SQLitePCLRaw every call goes through its provider interface and marshals the statement as a SafeHandle
/// (an interlocked add-ref and release): for the ~30 calls a message row takes, that cost about as much as
/// SQLite's own work. These getters only read the current row's values — they never block, call back or
/// take the connection's lock for long — so they also skip the GC transition. The statement must stay alive
/// (not finalized) for the duration of every call: <see cref="DirectRows"/> uses them only between a step
/// and the reset of a statement its <see cref="StatementCache"/> owns.
/// </summary>
internal static unsafe partial class NativeColumns
{
    private const string Library = "e_sqlite3"; // the library SQLitePCLRaw.bundle_e_sqlite3 ships and loads

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* Text(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Bytes(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long Int64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Type(nint statement, int column);
}
