using PaymentOrchestrator.Local.Durable;

namespace PaymentOrchestrator.Local.Tests.Durable;

public sealed class ActivitySlotsTests
{
    [Fact]
    public async Task there_is_room_until_every_slot_runs_an_activity_and_again_when_one_ends()
    {
        var slots = new ActivitySlots(2);
        var one = new TaskCompletionSource<int>();
        var two = new TaskCompletionSource<int>();

        Assert.True(slots.Room.IsCompleted);
        var first = slots.RunAsync(() => one.Task);
        Assert.True(slots.Room.IsCompleted);
        var second = slots.RunAsync(() => two.Task);
        var room = slots.Room;
        Assert.False(room.IsCompleted);
        Assert.Equal(2, slots.Running);

        one.SetResult(1);
        Assert.Equal(1, await first);
        await room.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(slots.Room.IsCompleted);
        two.SetResult(2);
        Assert.Equal(2, await second);
        Assert.Equal(0, slots.Running);
    }

    [Fact]
    public async Task an_activity_that_throws_frees_its_slot_and_its_error_reaches_the_engine()
    {
        var slots = new ActivitySlots(1);
        var failing = new TaskCompletionSource<int>();
        var run = slots.RunAsync(() => failing.Task);
        var room = slots.Room;
        Assert.False(room.IsCompleted);

        failing.SetException(new InvalidOperationException("vipps said no"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);

        Assert.Equal("vipps said no", error.Message);
        await room.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, slots.Running);
    }
}
