// Uploads go straight from the browser to the files API (not through the Blazor circuit), so the
// server streams them to the blob store in constant memory and the browser reports progress.
export function upload(input, url, comment, progress) {
    const file = input.files && input.files[0];
    if (!file) {
        return Promise.resolve(null);
    }
    const form = new FormData();
    form.append("file", file, file.name);
    if (comment) {
        form.append("comment", comment);
    }
    return new Promise(resolve => {
        const xhr = new XMLHttpRequest();
        let last = -1;
        xhr.upload.onprogress = e => {
            if (!e.lengthComputable) {
                return;
            }
            const percent = Math.floor(e.loaded * 100 / e.total);
            if (percent !== last) {
                last = percent;
                progress.invokeMethodAsync("Progress", percent);
            }
        };
        xhr.onload = () => {
            input.value = "";
            resolve({ status: xhr.status, body: xhr.responseText || "" });
        };
        xhr.onerror = () => resolve({ status: 0, body: "" });
        xhr.open("POST", url);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.send(form);
    });
}

export function fileName(input) {
    return input.files && input.files[0] ? input.files[0].name : null;
}

// Prints a stored file (PDF or image) through a hidden frame of the same origin.
export function print(url) {
    const frame = document.createElement("iframe");
    frame.style.position = "fixed";
    frame.style.right = "0";
    frame.style.bottom = "0";
    frame.style.width = "0";
    frame.style.height = "0";
    frame.style.border = "0";
    frame.onload = () => {
        frame.contentWindow.focus();
        frame.contentWindow.print();
        setTimeout(() => frame.remove(), 60000);
    };
    frame.src = url;
    document.body.appendChild(frame);
}
