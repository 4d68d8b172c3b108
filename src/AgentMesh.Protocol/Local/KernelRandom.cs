using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AgentMesh.Protocol.Local;

/// <summary>
/// Cryptographically secure random bytes from the kernel (<c>/dev/urandom</c>), read in 4 KiB blocks.
/// On Linux, <see cref="RandomNumberGenerator"/> goes through OpenSSL, and loading libcrypto alone costs
/// the broker ~5 MB of memory and a short-lived hook ~10 ms; the kernel's generator is the same quality.
/// Falls back to <see cref="RandomNumberGenerator"/> where there is no <c>/dev/urandom</c>.
/// </summary>
public static class KernelRandom
{
    private const string Device = "/dev/urandom";
    private static readonly bool _hasDevice = !OperatingSystem.IsWindows() && File.Exists(Device);
    private static readonly Lock _gate = new();
    private static readonly byte[] _pool = new byte[4096];
    private static int _used = _pool.Length;
    private static SafeFileHandle? _device;

    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    public static void Fill(Span<byte> destination)
    {
        if (!_hasDevice)
        {
            FillFromRuntime(destination);
            return;
        }
        lock (_gate)
        {
            while (destination.Length > 0)
            {
                if (_used == _pool.Length)
                {
                    Refill();
                }
                var take = Math.Min(destination.Length, _pool.Length - _used);
                _pool.AsSpan(_used, take).CopyTo(destination);
                _pool.AsSpan(_used, take).Clear(); // a byte handed out is never kept in memory
                _used += take;
                destination = destination[take..];
            }
        }
    }

    // Kept out of Fill so that compiling Fill does not load System.Security.Cryptography where it is never used.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillFromRuntime(Span<byte> destination) => RandomNumberGenerator.Fill(destination);

    private static void Refill()
    {
        _device ??= File.OpenHandle(Device, FileMode.Open, FileAccess.Read);
        for (var filled = 0; filled < _pool.Length;)
        {
            var read = RandomAccess.Read(_device, _pool.AsSpan(filled), fileOffset: 0);
            if (read <= 0)
            {
                throw new IOException($"{Device} returned no bytes.");
            }
            filled += read;
        }
        _used = 0;
    }
}
