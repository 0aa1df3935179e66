/**
 * The payment page's own assets, served by this server (no external asset: the page works offline
 * and a strict Content-Security-Policy allows only 'self').
 */
export const PAY_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f3f5f9;color:#1b2330}
main{max-width:440px;margin:32px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(20,30,60,.12);padding:24px}
h1{font-size:20px;margin:0 0 4px}.muted{color:#5d6b82;font-size:14px}.amount{font-size:28px;font-weight:700;margin:12px 0 4px}
.buys{background:#eef4ff;border-radius:8px;padding:10px 12px;margin:12px 0;font-size:14px}
label{display:block;font-size:13px;font-weight:600;margin:12px 0 4px}input{width:100%;padding:10px 12px;font-size:16px;border:1px solid #c5cedb;border-radius:8px}
.row{display:flex;gap:10px}.row>div{flex:1}button{width:100%;margin-top:18px;padding:12px;font-size:16px;font-weight:700;color:#fff;background:#2451d6;border:0;border-radius:8px;cursor:pointer}
button[disabled]{opacity:.6}.error{background:#fdecec;color:#9b1c1c;border-radius:8px;padding:10px 12px;margin:12px 0}
.ok{background:#e8f7ee;color:#17603a;border-radius:8px;padding:10px 12px;margin:12px 0}.closed{background:#fff4e5;color:#8a4b00;border-radius:8px;padding:10px 12px;margin:12px 0}
.sandbox{font-size:12px;color:#5d6b82;margin-top:14px}code{background:#f0f2f6;padding:1px 4px;border-radius:4px}footer{text-align:center;font-size:12px;color:#8a96a8;margin:12px}
`;

/** Disables the button on submit (no double payment from a double click) and runs the redirect countdown. */
export const PAY_JS = `(function(){
  var form=document.querySelector('form[data-pay]');
  if(form){form.addEventListener('submit',function(){var b=form.querySelector('button');if(b){b.disabled=true;b.textContent='Processing…';}});}
  var count=document.querySelector('[data-countdown]');
  if(count){var n=Number(count.getAttribute('data-countdown'));var t=setInterval(function(){n-=1;if(n<=0){clearInterval(t);n=0;}count.textContent=String(n);},1000);}
  var result=document.querySelector('[data-result]');
  if(result&&window.parent!==window){var origin=result.getAttribute('data-parent-origin');if(origin){window.parent.postMessage({type:'quickbuy-result',status:result.getAttribute('data-result'),orderId:result.getAttribute('data-order')},origin);}}
})();
`;

/**
 * The widget a merchant embeds: <script src=".../quickbuy/widget.js" data-key data-customer
 * data-timestamp data-token [data-container] [data-height]>. It opens the payment flow in a frame
 * of this server and re-dispatches the frame's result as a `quickbuy:result` DOM event.
 */
export const WIDGET_JS = `(function(){
  var s=document.currentScript;if(!s){return;}
  var base=new URL(s.src).origin;var d=s.dataset;
  var q=new URLSearchParams({key:d.key||'',customer:d.customer||'',timestamp:d.timestamp||'',token:d.token||'',origin:window.location.origin});
  var f=document.createElement('iframe');
  f.src=base+'/quickbuy/widget/frame?'+q.toString();f.title='QuickBuy';f.setAttribute('data-quickbuy-frame','');
  f.style.border='0';f.style.width='100%';f.style.maxWidth='480px';f.style.height=(d.height||'640')+'px';
  var target=d.container?document.getElementById(d.container):null;
  if(target){target.appendChild(f);}else{s.parentNode.insertBefore(f,s.nextSibling);}
  window.addEventListener('message',function(e){if(e.origin!==base||!e.data||e.data.type!=='quickbuy-result'){return;}
    document.dispatchEvent(new CustomEvent('quickbuy:result',{detail:{status:e.data.status,orderId:e.data.orderId}}));});
})();
`;
